/**
 * OVHcloud's API as a hostkeep provider ({@code type: ovh}): the secondary DNS of dedicated servers
 * and VPS, and the records of the DNS zones the account hosts. For dynamic DNS with only a DynHost
 * login, {@code type: ovh-dynhost} ({@link dev.hostkeep.dns.provider.ovh.DynHostRecordStore}).
 *
 * <pre>{@code
 * providers:
 *   ovh:
 *     type: ovh
 *     endpoint: ovh-eu                 # ovh-ca, ovh-us, kimsufi-eu/ca, soyoustart-eu/ca, or a base URL
 *     application_key: AK
 *     application_secret: ${file:/etc/hostkeep/ovh.secret}
 *     consumer_key: ${env:OVH_CK}
 *     timeout: 30s                     # connect and request timeout
 *     concurrency: 2                   # changes at once, per target
 *     pace: 1s                         # at least this long between calls, per target
 *     max_attempts: 4                  # per change; 429 waits for Retry-After
 *     ownercheck_timeout: 2m           # how long to wait for the primary to serve the token
 * }</pre>
 *
 * <p>The consumer key needs {@code GET}, {@code POST} and {@code DELETE} on {@code
 * /dedicated/server/*} (and/or {@code /vps/*}). OVH's advice is to stay under about 60 requests a
 * minute per consumer key: several targets on one account each get their own pace, so lower it when
 * several services share a key.
 *
 * <p>As a {@link dev.hostkeep.dns.record.RecordStore} ({@code ddns}, {@code replicate}), the
 * consumer key needs {@code GET}, {@code POST} and {@code PUT} on {@code /domain/zone/*}. Changes
 * are published with {@code POST /domain/zone/{zone}/refresh} after each one; finding a record
 * costs one request for its ids and one per record.
 *
 * <p>{@link dev.hostkeep.dns.provider.ovh.OvhAccount} makes one {@link
 * dev.hostkeep.dns.secondary.SecondaryTarget} per service; with an {@link
 * dev.hostkeep.dns.provider.ovh.OwnercheckPublisher} a dedicated server's zones are added through
 * OVH's ownership check.
 */
package dev.hostkeep.dns.provider.ovh;
