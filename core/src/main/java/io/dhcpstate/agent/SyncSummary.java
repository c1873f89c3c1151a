package io.dhcpstate.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * What one full sync did.
 *
 * @param networksEnabled networks enabled or refreshed in the drivers
 * @param networksDisabled networks disabled because the source no longer lists them
 * @param failures networks whose sync failed and were scheduled for resync
 * @param duration how long the sync took, on the agent's clock
 */
public record SyncSummary(
    int networksEnabled, int networksDisabled, int failures, Duration duration) {
  /** Checks the duration is present. */
  public SyncSummary {
    Objects.requireNonNull(duration, "duration");
  }
}
