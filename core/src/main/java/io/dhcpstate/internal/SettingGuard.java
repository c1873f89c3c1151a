package io.dhcpstate.internal;

import io.dhcpstate.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The checks every dhcpstate builder makes on its settings: present, set only once, and
 * within range, each failure naming the setting. Not thread-safe, like the builders.
 */
public final class SettingGuard {
  private final Set<String> set = new HashSet<>();

  /**
   * Records that a setting is being set, refusing null and a second setting.
   *
   * @param setting the setting's name
   * @param value its value
   * @throws InvalidConfigurationException if the value is null or the setting was set before
   */
  public void once(String setting, Object value) {
    if (value == null) {
      throw new InvalidConfigurationException(setting + " must not be null");
    }
    if (!set.add(setting)) {
      throw new InvalidConfigurationException(setting + " was already set");
    }
  }

  /**
   * Checks a duration is positive.
   *
   * @param setting the setting's name
   * @param d the duration
   * @return the duration
   * @throws InvalidConfigurationException if it is zero or negative
   */
  public static Duration positive(String setting, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidConfigurationException(setting + " must be positive, was " + d);
    }
    return d;
  }
}
