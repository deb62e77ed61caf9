package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlidnsSignerTest {
  private static final String SECRET = "testsecret";

  @Test
  void signsTheOfficialVector() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Version", "2015-01-09");
    params.put("Timestamp", "2016-03-24T16:41:54Z");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", "f59ed6a9-83fc-473b-9cc6-99c95df3856e");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("Format", "XML");
    params.put("DomainName", "example.com");
    params.put("Action", "DescribeDomainRecords");
    params.put("AccessKeyId", "testid");

    assertThat(AlidnsSigner.stringToSign("GET", params))
        .isEqualTo(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDomainRecords%26DomainName%3D"
                + "example.com%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D"
                + "f59ed6a9-83fc-473b-9cc6-99c95df3856e%26SignatureVersion%3D1.0%26Timestamp%3D"
                + "2016-03-24T16%253A41%253A54Z%26Version%3D2015-01-09");
    assertThat(AlidnsSigner.sign(SECRET, "GET", params)).isEqualTo("uRpHwaSEt3J+6KQD//svCh/x+pI=");
  }

  @Test
  void signsAnIpv6WildcardUpdateForGetAndPost() {
    Map<String, String> params = common("UpdateDomainRecord");
    params.put("RecordId", "9999985");
    params.put("RR", "*");
    params.put("Type", "AAAA");
    params.put("Value", "2001:db8::1");
    params.put("TTL", "600");

    assertThat(AlidnsSigner.sign(SECRET, "GET", params)).isEqualTo("+lbGAzKSbJGlhyPl/7ZLYPG0iqo=");
    assertThat(AlidnsSigner.sign(SECRET, "POST", params)).isEqualTo("gFCR8IkbxuOWtZ1WWS50vaX5zp0=");
    assertThat(AlidnsSigner.stringToSign("GET", params))
        .contains("RR%3D%252A", "Value%3D2001%253Adb8%253A%253A1");
  }

  @Test
  void signsAnExactSubDomainLookup() {
    Map<String, String> params = common("DescribeSubDomainRecords");
    params.put("SubDomain", "www.example.com");
    params.put("Type", "A");

    assertThat(AlidnsSigner.sign(SECRET, "GET", params)).isEqualTo("Vdhhmxn+m6MpInLBSeWqz4k8PL8=");
  }

  @Test
  void encodesPerRfc3986() {
    assertThat(AlidnsSigner.encode("a b*c~d/é+=")).isEqualTo("a%20b%2Ac~d%2F%C3%A9%2B%3D");
    assertThat(AlidnsSigner.encode("2001:db8::1")).isEqualTo("2001%3Adb8%3A%3A1");
  }

  @Test
  void sortsByEncodedNameInByteOrderAndLeavesTheSignatureOut() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Type", "A");
    params.put("Timestamp", "t");
    params.put("TTL", "600");
    params.put("RecordId", "1");
    params.put("RR", "www");
    params.put("Signature", "ignored");

    assertThat(AlidnsSigner.canonicalQuery(params))
        .isEqualTo("RR=www&RecordId=1&TTL=600&Timestamp=t&Type=A");
  }

  private static Map<String, String> common(String action) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", action);
    params.put("Version", "2015-01-09");
    params.put("Format", "JSON");
    params.put("AccessKeyId", "testid");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    params.put("Timestamp", "2024-01-02T03:04:05Z");
    return params;
  }
}
