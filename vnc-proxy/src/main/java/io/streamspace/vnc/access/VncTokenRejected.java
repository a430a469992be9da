package io.streamspace.vnc.access;

/** A VNC token that opens nothing, with a reason safe to show its bearer. */
public class VncTokenRejected extends RuntimeException {

  public VncTokenRejected(String reason) {
    super(reason, null, false, false);
  }
}
