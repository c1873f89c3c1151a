package io.dhcpstate;

/**
 * The base of every exception dhcpstate throws: an unchecked exception for misuse, bad input
 * or a failure the caller may want to tell apart from other runtime errors.
 *
 * <p>Messages never contain raw outside values: values are escaped so control characters are
 * visible, and option values that may hold secrets are not printed at all.
 */
public class DhcpStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong; must already be escaped
   */
  public DhcpStateException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong; must already be escaped
   * @param cause the underlying failure
   */
  public DhcpStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
