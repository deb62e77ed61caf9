package dev.hostkeep.dns.record;

import dev.hostkeep.core.HostkeepException;

/**
 * A provider refused to set a record to a value because another record of the same name and type
 * already holds it (Alidns {@code DomainRecordDuplicate}, Cloudflare 81058), and the record being
 * changed still holds its old value: it would be wrong to pass that off as done, since the old
 * value is still served. A person has to remove one of the two.
 */
public final class ValueHeldElsewhereException extends HostkeepException {
  /**
   * @param refusal the provider's own message
   * @param existing the record hostkeep changes
   * @param current the value it still holds
   * @param value the value another record of its name already has
   * @param console where people remove records at that provider ("the Alidns console")
   */
  public ValueHeldElsewhereException(
      String refusal,
      DnsRecord existing,
      String current,
      String value,
      String console,
      Throwable cause) {
    super(
        refusal
            + ": record "
            + existing.id()
            + " holds "
            + current
            + ", but another "
            + existing.name()
            + " "
            + existing.type()
            + " record already has "
            + value
            + "; delete one of them in "
            + console,
        cause);
  }
}
