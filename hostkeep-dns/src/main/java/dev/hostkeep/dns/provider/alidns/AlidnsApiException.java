package dev.hostkeep.dns.provider.alidns;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.util.Optional;

/** An error answer of the Alidns API, with the {@code Code} it gave. */
final class AlidnsApiException extends HostkeepException {
  private final int status;
  private final String code;

  AlidnsApiException(int status, String code, boolean retriable, String message) {
    super(ExitCode.FAILURE, retriable, message, null);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  /** Alidns's {@code Code}: {@code DomainRecordDuplicate}, {@code Throttling.User}, ... */
  Optional<String> code() {
    return Optional.ofNullable(code);
  }

  boolean hasCode(String expected) {
    return expected.equals(code);
  }
}
