/**
 * Alibaba Cloud DNS ("Alidns", API version 2015-01-09) as a hostkeep provider ({@code type:
 * alidns}): a {@link dev.hostkeep.dns.record.RecordStore} for {@code ddns}.
 *
 * <pre>{@code
 * providers:
 *   aliyun:
 *     type: alidns
 *     access_key_id: LTAI5tExample
 *     access_key_secret: ${file:/etc/hostkeep/alidns.secret}
 *     endpoint: https://alidns.aliyuncs.com/   # the default
 *     timeout: 30s                            # connect and request timeout
 *     min_ttl: 600                            # smaller TTLs are raised to this (free edition: 600)
 *     concurrency: 2                          # changes at once
 *     pace: 100ms                             # at least this long between calls
 *     max_attempts: 4                         # per change; Throttling.* backs off
 * }</pre>
 *
 * <p>The RAM user behind the AccessKey needs {@code alidns:DescribeSubDomainRecords}, {@code
 * DescribeDomainRecordInfo}, {@code AddDomainRecord} and {@code UpdateDomainRecord} on the zones
 * (the {@code AliyunDNSFullAccess} policy covers them). Requests are POST forms signed with
 * "HMAC-SHA1 1.0"; each carries a fresh nonce and a timestamp that must be within 15 minutes of
 * Alibaba's clock.
 *
 * <p>Setting a record to the value it already has is a success: Alidns calls it {@code
 * DomainRecordDuplicate}, and the store checks the record by id to tell that apart from another
 * record already holding the value. A remembered record id Alidns no longer knows ({@code
 * DomainRecordNotBelongToUser}) becomes a {@link dev.hostkeep.dns.record.RecordGoneException}.
 */
package dev.hostkeep.dns.provider.alidns;
