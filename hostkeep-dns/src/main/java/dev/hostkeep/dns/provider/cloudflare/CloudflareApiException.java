package dev.hostkeep.dns.provider.cloudflare;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.util.List;

/** An error answer of Cloudflare's API, with its status and the codes of its {@code errors}. */
final class CloudflareApiException extends HostkeepException {
  private final int status;
  private final List<Integer> codes;

  CloudflareApiException(int status, List<Integer> codes, boolean retriable, String message) {
    super(ExitCode.FAILURE, retriable, message, null);
    this.status = status;
    this.codes = List.copyOf(codes);
  }

  int status() {
    return status;
  }

  boolean has(int code) {
    return codes.contains(code);
  }
}
