package io.dhcpstate.driver.inmemory;

import java.time.Instant;
import java.time.InstantSource;

/** A clock that starts as one source and may switch to the agent's once, at start. */
final class SwitchableClock implements InstantSource {
  private volatile InstantSource delegate;

  SwitchableClock(InstantSource initial) {
    this.delegate = initial;
  }

  void use(InstantSource source) {
    this.delegate = source;
  }

  @Override
  public Instant instant() {
    return delegate.instant();
  }
}
