// Prisma 424: sensitive information in the image's environment variables (visible to anyone who pulls it).
import { maskSecret } from '../../mask';
import { envSecrets } from '../../secrets';
import { failIfAny, type ComplianceCheck } from '../../types';

export const envSecretsCheck: ComplianceCheck<'image'> = {
  id: 424,
  kind: 'image',
  evaluate({ inventory }) {
    const env = inventory.image.env;
    const found = envSecrets(env).map(
      (s) =>
        `${s.name}=${maskSecret(s.value)} (${s.why.map((w) => (w === 'name' ? 'sensitive name' : w)).join(', ')})`,
    );
    return failIfAny(found, `${env.length} environment variables, none sensitive`);
  },
};
