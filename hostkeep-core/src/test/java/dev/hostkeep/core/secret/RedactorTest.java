package dev.hostkeep.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  void hidesEveryOccurrenceOfEveryRegisteredValue() {
    redactor.register("hunter22");
    redactor.register("s3cr3t-token");

    assertThat(redactor.redact("login hunter22 with s3cr3t-token, again hunter22"))
        .isEqualTo("login **** with ****, again ****");
  }

  @Test
  void longerSecretsAreHiddenBeforeTheirPrefixes() {
    redactor.register("abcd");
    redactor.register("abcdefgh");

    assertThat(redactor.redact("x abcdefgh y")).isEqualTo("x **** y");
  }

  @Test
  void valuesTooShortToHideAreIgnored() {
    redactor.register("abc");
    redactor.register(null);

    assertThat(redactor.isEmpty()).isTrue();
    assertThat(redactor.redact("abc")).isEqualTo("abc");
    assertThat(redactor.redact(null)).isNull();
  }

  @Test
  void hidesTheJsonEscapedFormsAsJacksonAndLogbackWriteThem() {
    redactor.register("a/b\"c\\d\te");

    assertThat(redactor.redact("raw a/b\"c\\d\te")).isEqualTo("raw ****");
    assertThat(redactor.redact("jackson a/b\\\"c\\\\d\\te")).isEqualTo("jackson ****");
    assertThat(redactor.redact("logback a\\/b\\\"c\\\\d\\te")).isEqualTo("logback ****");
  }

  @Test
  void hidesControlCharactersEscapedAsUnicode() {
    redactor.register("key\u0001value");

    assertThat(redactor.redact("{\"k\":\"key\\u0001value\"}")).isEqualTo("{\"k\":\"****\"}");
  }

  @Test
  void secretPrintsAsStarsAndRegistersItsValue() {
    Secret secret = Secret.of("pa55word", redactor);

    assertThat(secret).hasToString("****");
    assertThat(secret.reveal()).isEqualTo("pa55word");
    assertThat(redactor.redact("using pa55word")).isEqualTo("using ****");
    assertThat(secret).isEqualTo(Secret.of("pa55word", new Redactor()));
  }
}
