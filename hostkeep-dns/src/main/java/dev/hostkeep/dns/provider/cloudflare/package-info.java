/**
 * Cloudflare's API v4 as a hostkeep provider ({@code type: cloudflare}): the DNS records of the
 * account's zones, as a {@link dev.hostkeep.dns.record.RecordStore}.
 *
 * <pre>{@code
 * providers:
 *   cloudflare:
 *     type: cloudflare
 *     api_token: ${file:/etc/hostkeep/cloudflare.token}
 *     endpoint: https://api.cloudflare.com/client/v4   # the default
 *     timeout: 30s                     # connect and request timeout
 *     concurrency: 4                   # changes at once
 *     pace: 250ms                      # at least this long between calls
 *     max_attempts: 4                  # per change; 429 waits for Retry-After
 * }</pre>
 *
 * <p>The token is an API token (not the Global API Key) with {@code Zone:Read} and {@code DNS:Edit}
 * on the zones hostkeep changes. Cloudflare allows about 1200 requests per five minutes per user,
 * which the default pace stays under.
 */
package dev.hostkeep.dns.provider.cloudflare;
