package io.streamspace.server.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}), matched against literal IPs. */
final class AddressRange {

  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]{2,45}");

  private final byte[] network;
  private final int prefixLength;

  private AddressRange(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /** Parses {@code 192.168.0.0/16}, {@code 10.1.2.3} or {@code fd00::/8}. */
  static AddressRange parse(String range) {
    String trimmed = range.trim();
    int slash = trimmed.indexOf('/');
    byte[] address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + range);
    }
    int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
    if (prefix < 0 || prefix > address.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + range);
    }
    return new AddressRange(address, prefix);
  }

  /** Whether the literal IP {@code address} lies in this range; never resolves host names. */
  boolean contains(String address) {
    byte[] candidate = literal(address);
    if (candidate == null || candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int remainingBits = prefixLength % 8;
    if (remainingBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - remainingBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  /** The bytes of a literal IPv4/IPv6 address, or {@code null} for anything else. */
  static byte[] literal(String address) {
    if (address == null || !LITERAL.matcher(address).matches()) {
      return null;
    }
    try {
      // Only hex digits, dots and colons reach here, so this parses and never asks DNS.
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
