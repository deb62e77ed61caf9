package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OvhSignerTest {
  private static final String SECRET = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
  private static final String CONSUMER = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";

  @Test
  void signsGoOvhsTestVector() {
    assertThat(
            OvhSigner.sign(
                SECRET, CONSUMER, "GET", "https://eu.api.ovh.com/1.0/call", "", 1457018875))
        .isEqualTo("$1$7f2db49253edfc41891023fcd1a54cf61db05fbb");
  }

  @Test
  void signsTheExactUrlSoTheV1PathGivesAnotherSignature() {
    assertThat(
            OvhSigner.sign(
                SECRET, CONSUMER, "GET", "https://eu.api.ovh.com/v1/call", "", 1457018875))
        .isEqualTo("$1$e6e7906d385eb28adcbfbe6b66c1528a42d741ad");
  }
}
