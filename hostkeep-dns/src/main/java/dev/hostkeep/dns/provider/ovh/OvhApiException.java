package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.util.Optional;

/** An error answer of the OVH API, with what OVH said about it. */
final class OvhApiException extends HostkeepException {
  private final int status;
  private final String errorCode;

  OvhApiException(int status, String errorCode, boolean retriable, String message) {
    super(ExitCode.FAILURE, retriable, message, null);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  /** OVH's {@code errorCode} (403 answers): {@code NOT_GRANTED_CALL}, {@code INVALID_KEY}, ... */
  Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
