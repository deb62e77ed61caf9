package dev.hostkeep.core.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import dev.hostkeep.core.secret.Redactor;

/** A layout that hides every known secret in what another layout produced. */
final class RedactingLayout extends LayoutBase<ILoggingEvent> {
  private final Layout<ILoggingEvent> inner;
  private final Redactor redactor;

  RedactingLayout(Layout<ILoggingEvent> inner, Redactor redactor) {
    this.inner = inner;
    this.redactor = redactor;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return redactor.redact(inner.doLayout(event));
  }
}
