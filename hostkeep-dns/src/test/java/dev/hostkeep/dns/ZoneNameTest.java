package dev.hostkeep.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneNameTest {

  @ParameterizedTest
  @CsvSource({
    "Example.COM, example.com",
    "example.com., example.com",
    "'  example.com  ', example.com",
    "bücher.example, xn--bcher-kva.example",
    "BÜCHER.Example., xn--bcher-kva.example",
    "例え.テスト, xn--r8jz45g.xn--zckzah",
    "例え。テスト, xn--r8jz45g.xn--zckzah",
    "_dmarc.example.com, _dmarc.example.com",
    "xn--bcher-kva.example, xn--bcher-kva.example",
    "2.0.192.in-addr.arpa, 2.0.192.in-addr.arpa",
    "localhost, localhost",
  })
  void normalises(String input, String expected) {
    ZoneName zone = ZoneName.parse(input);

    assertThat(zone).hasToString(expected);
    assertThat(zone.fqdn()).isEqualTo(expected + ".");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "exa mple.com | invalid zone name 'exa mple.com': label 'exa mple' contains a space",
        "example..com | invalid zone name 'example..com': it has an empty label",
        ".example.com | invalid zone name '.example.com': it has an empty label",
        "example.com.. | invalid zone name 'example.com..': it has an empty label",
        "*.example.com | invalid zone name '*.example.com': a wildcard '*' cannot name a zone",
        "ex*ample.com | label 'ex*ample' contains '*'",
        "example.com/24 | label 'com/24' contains '/'",
        "-example.com | label '-example' starts or ends with '-'",
        "example-.com | label 'example-' starts or ends with '-'",
        ". | invalid zone name '.': the root zone cannot be provisioned",
        "'   ' | invalid zone name '   ': the name is empty",
      })
  void refusesWithAMessageNamingTheInputAndWhy(String input, String message) {
    assertThatThrownBy(() -> ZoneName.parse(input))
        .isInstanceOf(InvalidZoneNameException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesALabelLongerThan63Characters() {
    String label = "a".repeat(64);

    assertThatThrownBy(() -> ZoneName.parse(label + ".example"))
        .hasMessageContaining("is 64 characters long, at most 63 fit");
    assertThat(ZoneName.parse("a".repeat(63) + ".example")).isNotNull();
  }

  @Test
  void refusesANameLongerThan253Characters() {
    String label = "a".repeat(63);
    String name = String.join(".", label, label, label, "b".repeat(61));

    assertThat(ZoneName.parse(name).toString()).hasSize(253);
    assertThatThrownBy(() -> ZoneName.parse(name + "b"))
        .hasMessageContaining("the name is 254 characters long, at most 253 fit");
  }

  @Test
  void refusesMissingInput() {
    assertThatThrownBy(() -> ZoneName.parse(null)).hasMessageContaining("no name given");
  }

  @Test
  void equalNamesCompareEqualAndSortByText() {
    assertThat(ZoneName.parse("EXAMPLE.com.")).isEqualTo(ZoneName.parse("example.com"));
    assertThat(ZoneName.parse("EXAMPLE.com.")).hasSameHashCodeAs(ZoneName.parse("example.com"));
    TreeSet<ZoneName> sorted =
        new TreeSet<>(List.of(ZoneName.parse("b.test"), ZoneName.parse("A.test")));
    assertThat(sorted).map(ZoneName::toString).containsExactly("a.test", "b.test");
    assertThat(ZoneName.parse("www.example.com").labels()).containsExactly("www", "example", "com");
  }
}
