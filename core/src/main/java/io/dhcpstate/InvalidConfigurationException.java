package io.dhcpstate;

/**
 * Thrown by a builder when a setting is missing, out of range or inconsistent with another
 * setting. The message names the setting(s) and the value(s).
 */
public class InvalidConfigurationException extends DhcpStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception naming the bad setting.
   *
   * @param message which setting, which value, and why
   */
  public InvalidConfigurationException(String message) {
    super(message);
  }
}
