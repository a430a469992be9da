package io.streamspace.command.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTokenSecretsTest {

  @Test
  void aSecretIsTheSchemeAnd32RandomBytesInBase64UrlWithoutPadding() {
    String secret = AgentTokenSecrets.generate();

    assertThat(secret).matches("ssa_[A-Za-z0-9_-]{43}");
    assertThat(java.util.Base64.getUrlDecoder().decode(secret.substring(4))).hasSize(32);
    assertThat(AgentTokenSecrets.isWellFormed(secret)).isTrue();
  }

  @Test
  void secretsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(AgentTokenSecrets.generate())).isTrue();
    }
  }

  @Test
  void thePrefixIsTheFirstTwelveCharacters() {
    String secret = AgentTokenSecrets.generate();

    assertThat(AgentTokenSecrets.prefixOf(secret))
        .hasSize(12)
        .startsWith("ssa_")
        .isEqualTo(secret.substring(0, 12));
  }

  @Test
  void theHashIsSha256InLowerCaseHex() {
    // the FIPS 180-2 test vector
    assertThat(AgentTokenSecrets.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void onlyTheExactShapeIsWellFormed() {
    String secret = AgentTokenSecrets.generate();
    for (String malformed :
        new String[] {
          null,
          "",
          "ssa_",
          secret + "A",
          secret.substring(0, secret.length() - 1),
          "SSA_" + secret.substring(4),
          secret.substring(0, 10) + "+" + secret.substring(11),
          secret + "\n"
        }) {
      assertThat(AgentTokenSecrets.isWellFormed(malformed)).as("%s", malformed).isFalse();
    }
  }
}
