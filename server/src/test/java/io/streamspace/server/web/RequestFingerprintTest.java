package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Two requests are "the same" for an Idempotency-Key exactly when method, path and body bytes
 * match.
 */
class RequestFingerprintTest {

  @Test
  void theBodyHashIsTheSha256OfTheExactBytes() {
    assertThat(
            RequestFingerprint.of("POST", "/p", "abc".getBytes(StandardCharsets.UTF_8))
                .bodySha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(RequestFingerprint.of("POST", "/p", new byte[0]).bodySha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void theSameRequestHasTheSameFingerprintAndAnyChangedByteAnother() {
    byte[] body = "{\"template_id\":\"t1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] changed = "{\"template_id\":\"t2\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(RequestFingerprint.of("POST", "/api/v1/sessions", body))
        .isEqualTo(RequestFingerprint.of("POST", "/api/v1/sessions", body.clone()))
        .isNotEqualTo(RequestFingerprint.of("POST", "/api/v1/sessions", changed))
        .isNotEqualTo(RequestFingerprint.of("POST", "/api/v1/templates", body));
  }
}
