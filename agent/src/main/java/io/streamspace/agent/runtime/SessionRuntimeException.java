package io.streamspace.agent.runtime;

/** A runtime could not do what was asked; the message is a one-line reason for the session. */
public class SessionRuntimeException extends RuntimeException {

  public SessionRuntimeException(String reason) {
    super(reason);
  }

  public SessionRuntimeException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
