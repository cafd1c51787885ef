/** What every command that talks to a vCenter reads the same way: `--url`, and the credentials from the environment. */
import { UsageError } from './util.js';

/** `--url` as a URL: http or https, with no credentials in it (they would end up in shell history and logs). */
export function serverUrl(value: string | undefined): URL {
  if (!value) throw new UsageError('--url is required');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url: '${value}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--url: ${url.protocol} is not http: or https:`);
  if (url.username || url.password) throw new UsageError('--url must not carry credentials; set VCENTER_USER and VCENTER_PASSWORD');
  return url;
}

/** VCENTER_USER and VCENTER_PASSWORD, both required; the error names the ones missing. */
export function envCredentials(): { username: string; password: string } {
  const username = process.env.VCENTER_USER;
  const password = process.env.VCENTER_PASSWORD;
  if (!username || !password) {
    throw new UsageError(
      `set ${[!username && 'VCENTER_USER', !password && 'VCENTER_PASSWORD'].filter(Boolean).join(' and ')} in the environment`,
    );
  }
  return { username, password };
}
