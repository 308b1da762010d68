import { z } from 'zod';
import { FAS_ACR, parseAcrAliases, type AcrAliases } from './authn/loa';

/**
 * Typed configuration, read once from the environment and frozen.
 * Every default makes `npm start` work on a laptop with nothing installed;
 * a bad value stops the start with one line naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'expected development, production or test' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535, 'expected a port number between 0 and 65535').default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default('Sésame <no-reply@sesame.localhost>'),
  SMS_GATEWAY_URL: url(['https:', 'http:']).optional(),
  SMS_GATEWAY_TOKEN: z.string().min(16, 'expected the bearer token the gateway gave you (at least 16 characters)').optional(),
  DEFAULT_LANGUAGE: z.enum(['nl', 'fr', 'de', 'en'], { message: 'expected nl, fr, de or en' }).default('fr'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected a log level such as info' }).default('info'),
  COOKIE_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'expected a number' }).int().positive('expected a positive number').default(300),
  TRUST_PROXY: bool.default(false),
  DEMO_DATA: bool.optional(),
  DEV_TOOLS: bool.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'expected a number of minutes' }).int().min(1, 'expected at least 1 minute').max(1440).default(20),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'expected a number of hours' }).int().min(1, 'expected at least 1 hour').max(72).default(12),
  OIDC_CLIENTS_FILE: z.string().min(1).default('catalog/clients.yaml'),
  CATALOG_DIR: z.string().min(1).default('catalog/roles'),
  OPERATORS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((n) => n.replace(/[.\-\s]/g, '')).filter(Boolean))
    .refine((list) => list.every((n) => /^\d{11}$/.test(n)), 'expected national register numbers separated by commas'),
  ACR_ALIASES: z
    .string()
    .transform((text, zctx) => {
      const parsed = parseAcrAliases(text);
      if (parsed.ok) return parsed.aliases;
      zctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    })
    .optional(),
  OUTBOX_POLL_MS: z.coerce.number({ message: 'expected a number of milliseconds' }).int().positive().default(1000),
  TOKEN_CARDS_ENABLED: bool.default(false),
  EID_PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535, 'expected a port number between 0 and 65535').default(3443),
  EID_PUBLIC_URL: url(['https:']).optional(),
  EID_TLS_CERT: z.string().min(1).optional(),
  EID_TLS_KEY: z.string().min(1).optional(),
  EID_TRUST_ANCHORS: z.string().min(1).optional(),
  EID_CRL_URL: url(['http:', 'https:']).optional(),
  EID_OCSP_URL: url(['http:', 'https:']).optional(),
  EID_OCSP: z.enum(['on', 'off'], { message: 'expected on or off' }).optional(),
  ITSME_ISSUER: url(['https:', 'http:']).optional(),
  ITSME_CLIENT_ID: z.string().min(1).optional(),
  ITSME_REDIRECT_URI: url(['https:', 'http:']).optional(),
  ITSME_SERVICE_CODE: z.string().regex(/^[\w.-]+$/, 'expected a service code such as MYSERVICE').optional(),
  ITSME_NRN_CLAIM: z.string().min(1).default('http://itsme.services/v2/claim/BENationalNumber'),
  ITSME_DEMO_PORT: z.coerce.number({ message: 'expected a port number' }).int().min(1).max(65535, 'expected a port number between 1 and 65535').default(3100),
  MON_ESPACE_PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535, 'expected a port number between 0 and 65535').default(3001),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  /** Port of the demo relying application "Mon Espace", started beside the platform with demo data; 0 turns it off. */
  monEspacePort: number;
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The HTTP SMS gateway (POST JSON {to, text} with a bearer token); unset: SMS stay in the local mailbox. */
  smsGateway: Readonly<{ url: string; token: string }> | undefined;
  defaultLanguage: 'nl' | 'fr' | 'de' | 'en';
  logLevel: string;
  cookieSecret: string | undefined;
  rateLimitPerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Load the fictitious demo registers and catalog on first start. */
  demoData: boolean;
  /** Developer pages (/dev/…): the component gallery. */
  devTools: boolean;
  outboxPollMs: number;
  /** Issue new token cards (a legacy key being phased out); existing cards work either way. */
  tokenCardsEnabled: boolean;
  /** Inactivity after which a person must identify again. */
  sessionIdleMs: number;
  /** Absolute lifetime of a single-sign-on session. */
  sessionMaxAgeMs: number;
  /** The relying applications' catalog (YAML), applied at every start. */
  oidcClientsFile: string;
  /** The role catalog (domains → applications → roles, YAML), applied at every start. */
  catalogDir: string;
  /** National register numbers of the platform's operators: they see the registered relying applications. */
  operators: readonly string[];
  /** acr values accepted and published beside ours: the FAS ones plus ACR_ALIASES. */
  acrAliases: AcrAliases;
  /** The eID card key's TLS listener, which asks for a client certificate. */
  eid: Readonly<{
    port: number;
    publicUrl: string;
    /** PEM files of the listener's TLS certificate and key; unset: issued by the demo CA for localhost. */
    tlsCert: string | undefined;
    tlsKey: string | undefined;
    /** PEM files of the trusted roots (and intermediates); empty: the demo CA, outside production. */
    trustAnchors: string[];
    /** Where to fetch the CRL; unset: the certificate's own CRL distribution point. */
    crlUrl: string | undefined;
    /**
     * Revocation by OCSP as well as by CRL: `off`, the responder named in
     * each certificate (`aia`, EID_OCSP=on), or one configured responder
     * for every certificate (`url`, EID_OCSP_URL).
     */
    ocsp: Readonly<{ mode: 'off' } | { mode: 'aia' } | { mode: 'url'; url: string }>;
    /** The embedded demo certification authority is trusted (no EID_TRUST_ANCHORS, not production). */
    demoCa: boolean;
  }>;
  /** The itsme key: the provider Sésame brokers to, and Sésame's registration there. */
  itsme: Readonly<{
    /** ITSME_ISSUER, or the demo provider's address when it is not set. */
    issuer: string;
    /** No ITSME_ISSUER outside production: `serve` runs the demo itsme-compatible provider. */
    demo: boolean;
    demoPort: number;
    clientId: string;
    redirectUri: string;
    /** itsme's service code, requested as the scope `service:<code>`. */
    serviceCode: string | undefined;
    /** The claim that carries the national register number. */
    nrnClaim: string;
  }>;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (production && !c.DATABASE_URL) {
    throw new ConfigError('Invalid configuration: DATABASE_URL is required when NODE_ENV=production (the embedded database is for one node)');
  }
  if (production && !c.SMTP_URL) {
    throw new ConfigError('Invalid configuration: SMTP_URL is required when NODE_ENV=production (without it e-mail stays in the local mailbox)');
  }
  if (production && !c.SMS_GATEWAY_URL) {
    throw new ConfigError('Invalid configuration: SMS_GATEWAY_URL is required when NODE_ENV=production (without it SMS stay in the local mailbox)');
  }
  if (c.SMS_GATEWAY_URL && !c.SMS_GATEWAY_TOKEN) {
    throw new ConfigError('Invalid configuration: SMS_GATEWAY_TOKEN is required when SMS_GATEWAY_URL is set (the bearer token the gateway gave you)');
  }
  if (c.EID_OCSP_URL && c.EID_OCSP === 'off') {
    throw new ConfigError('Invalid configuration: EID_OCSP=off contradicts EID_OCSP_URL (remove one of them)');
  }
  if (c.ITSME_ISSUER && !c.ITSME_CLIENT_ID) {
    throw new ConfigError('Invalid configuration: ITSME_CLIENT_ID is required when ITSME_ISSUER is set (the client id itsme gave you)');
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return Object.freeze({
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    monEspacePort: c.MON_ESPACE_PORT,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    smsGateway: c.SMS_GATEWAY_URL && c.SMS_GATEWAY_TOKEN ? Object.freeze({ url: c.SMS_GATEWAY_URL, token: c.SMS_GATEWAY_TOKEN }) : undefined,
    defaultLanguage: c.DEFAULT_LANGUAGE,
    logLevel: c.LOG_LEVEL,
    cookieSecret: c.COOKIE_SECRET,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    trustProxy: c.TRUST_PROXY,
    demoData: c.DEMO_DATA ?? !production,
    devTools: c.DEV_TOOLS ?? !production,
    outboxPollMs: c.OUTBOX_POLL_MS,
    tokenCardsEnabled: c.TOKEN_CARDS_ENABLED,
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxAgeMs: c.SESSION_MAX_HOURS * 3_600_000,
    oidcClientsFile: c.OIDC_CLIENTS_FILE,
    catalogDir: c.CATALOG_DIR,
    operators: Object.freeze(c.OPERATORS),
    acrAliases: Object.freeze({ ...FAS_ACR, ...c.ACR_ALIASES }),
    eid: Object.freeze({
      port: c.EID_PORT,
      publicUrl: (c.EID_PUBLIC_URL ?? `https://localhost:${c.EID_PORT}`).replace(/\/$/, ''),
      tlsCert: c.EID_TLS_CERT,
      tlsKey: c.EID_TLS_KEY,
      trustAnchors: (c.EID_TRUST_ANCHORS ?? '').split(',').map((f) => f.trim()).filter(Boolean),
      crlUrl: c.EID_CRL_URL,
      ocsp: Object.freeze(c.EID_OCSP_URL ? { mode: 'url' as const, url: c.EID_OCSP_URL } : c.EID_OCSP === 'on' ? { mode: 'aia' as const } : { mode: 'off' as const }),
      demoCa: !c.EID_TRUST_ANCHORS && !production,
    }),
    itsme: Object.freeze({
      issuer: (c.ITSME_ISSUER ?? `http://localhost:${c.ITSME_DEMO_PORT}`).replace(/\/$/, ''),
      demo: !c.ITSME_ISSUER && !production,
      demoPort: c.ITSME_DEMO_PORT,
      clientId: c.ITSME_CLIENT_ID ?? 'sesame',
      redirectUri: c.ITSME_REDIRECT_URI ?? `${publicUrl}/login/itsme/callback`,
      serviceCode: c.ITSME_SERVICE_CODE,
      nrnClaim: c.ITSME_NRN_CLAIM,
    }),
  });
}
