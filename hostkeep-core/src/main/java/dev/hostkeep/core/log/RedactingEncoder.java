package dev.hostkeep.core.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.hostkeep.core.secret.Redactor;
import java.nio.charset.StandardCharsets;

/** Encodes with another encoder, then hides every known secret in the bytes it produced. */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
  private final Encoder<ILoggingEvent> inner;
  private final Redactor redactor;

  RedactingEncoder(Encoder<ILoggingEvent> inner, Redactor redactor) {
    this.inner = inner;
    this.redactor = redactor;
  }

  @Override
  public byte[] headerBytes() {
    return inner.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] bytes = inner.encode(event);
    if (redactor.isEmpty()) {
      return bytes;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return redactor.redact(text).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return inner.footerBytes();
  }
}
