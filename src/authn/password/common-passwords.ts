/**
 * A short list of passwords that attackers try first (from public breach
 * top lists, with the Belgian favourites added), compared case-insensitively
 * and also with trailing digits and symbols removed ("Brussels2024!" → "brussels").
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', 'qwertyuiopas', 'qwertyuiop123', 'azertyuiop', 'azertyuiop123', 'azertyuiopqs',
  'password', 'passwords', 'password1234', 'passw0rd', 'p@ssw0rd', 'motdepasse', 'wachtwoord', 'passwort', 'kennwort',
  'iloveyou', 'jetaime', 'ikhouvanjou', 'ichliebedich', 'sunshine', 'princess', 'football', 'voetbal', 'baseball',
  'welcome', 'bienvenue', 'welkom', 'willkommen', 'letmein', 'trustno1', 'dragon', 'monkey', 'master', 'shadow',
  'superman', 'batman', 'starwars', 'pokemon', 'abcdefghijkl', 'abcdef123456', 'aaaaaaaaaaaa', '111111111111',
  '000000000000', '123123123123', 'qazwsxedcrfv', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'changeme', 'secret', 'geheim',
  'admin', 'administrator', 'root', 'toor', 'test', 'testtest', 'guest', 'default', 'login', 'user',
  'belgium', 'belgique', 'belgie', 'belgien', 'brussels', 'bruxelles', 'brussel', 'antwerpen', 'anvers', 'gent',
  'gand', 'liege', 'luik', 'namur', 'namen', 'charleroi', 'brugge', 'bruges', 'leuven', 'louvain', 'eupen',
  'reddevils', 'diablesrouges', 'rodeduivels', 'anderlecht', 'standard', 'clubbrugge', 'sesame', 'sesameouvretoi',
  'csam', 'itsme', 'myminfin', 'tax-on-web', 'taxonweb', 'government', 'overheid', 'gouvernement', 'regierung',
  'summer', 'winter', 'autumn', 'spring', 'zomer', 'hiver', 'sommer', 'january', 'janvier', 'januari',
]);

/** The word a password is built on, for the list: lower case, without trailing digits and symbols. */
export function stem(password: string): string {
  return password.toLowerCase().replace(/[\d\W_]+$/u, '');
}
