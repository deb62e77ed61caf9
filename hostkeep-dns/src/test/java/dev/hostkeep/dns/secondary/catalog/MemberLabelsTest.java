package dev.hostkeep.dns.secondary.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class MemberLabelsTest {
  @Test
  void isTheHexSha1OfTheWireNameAsInBindsDocumentation() throws Exception {
    assertThat(MemberLabels.of(Name.fromString("domain.example.")))
        .isEqualTo("5960775ba382e7a4e09263fc06e7c00569b6a05c");
  }

  @Test
  void ignoresCase() throws Exception {
    assertThat(MemberLabels.of(Name.fromString("Domain.EXAMPLE.")))
        .isEqualTo(MemberLabels.of(Name.fromString("domain.example.")));
  }
}
