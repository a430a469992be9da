package io.streamspace.server.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two POSTs "the same request" for an Idempotency-Key: method, path and the SHA-256 of
 * the exact body bytes.
 */
public record RequestFingerprint(String method, String path, String bodySha256) {

  public static RequestFingerprint of(String method, String path, byte[] body) {
    return new RequestFingerprint(method, path, sha256(body));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
