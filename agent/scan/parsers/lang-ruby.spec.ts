import { describe, it, expect } from 'vitest';
import { parseGemspec } from './lang-ruby';

const RAKE = `# -*- encoding: utf-8 -*-
# stub: rake 13.0.6 ruby lib

Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.0.6"

  s.required_rubygems_version = Gem::Requirement.new(">= 1.3.2".freeze) if s.respond_to? :required_rubygems_version=
  s.metadata = { "bug_tracker_uri" => "https://example.invalid/issues" } if s.respond_to? :metadata=
  s.require_paths = ["lib".freeze]
  s.authors = ["Hiroshi SHIBATA".freeze]
  s.licenses = ["MIT".freeze]
  s.rubygems_version = "3.3.5".freeze
end
`;

describe('parseGemspec', () => {
  it('reads name, version and licenses from a RubyGems-written spec', () => {
    expect(parseGemspec(RAKE, '/usr/local/bundle/specifications/rake-13.0.6.gemspec')).toEqual({
      name: 'rake',
      version: '13.0.6',
      licenses: ['MIT'],
    });
  });

  it('accepts %q{} literals, a singular license and Gem::Version', () => {
    const text =
      "Gem::Specification.new do |spec|\n  spec.name = %q{json}\n  spec.version = Gem::Version.new('2.6.1')\n  spec.license = 'Ruby'\nend\n";
    expect(parseGemspec(text, 's/json.gemspec')).toEqual({
      name: 'json',
      version: '2.6.1',
      licenses: ['Ruby'],
    });
  });

  it('falls back to the file name when the fields are computed', () => {
    expect(
      parseGemspec(
        'Gem::Specification.new do |s|\n  s.name = NAME\nend\n',
        '/g/specifications/nokogiri-1.15.4-x86_64-linux.gemspec',
      ),
    ).toEqual({
      name: 'nokogiri',
      version: '1.15.4',
      licenses: [],
    });
  });

  it('binary garbage is an error; a 10 MB line with no fields gives nothing', () => {
    expect(() => parseGemspec('\u0000\u0001', '/g/specifications/x.gemspec')).toThrow(
      /x.gemspec: binary data/,
    );
    expect(parseGemspec('s'.repeat(10 * 1024 * 1024), '/g/specifications/x.gemspec')).toBeUndefined();
  });
});
