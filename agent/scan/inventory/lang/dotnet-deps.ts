// .NET applications: <app>.deps.json, NuGet packages in "libraries".
import { parseDepsJson } from '../../parsers/lang-dotnet';
import { MB, textAnalyzer } from './lang-package';

export const dotnetDepsAnalyzer = textAnalyzer({
  type: 'dotnet-deps',
  ecosystem: 'nuget',
  maxBytes: 50 * MB,
  required: (file) => file.path.endsWith('.deps.json'),
  parse: parseDepsJson,
});
