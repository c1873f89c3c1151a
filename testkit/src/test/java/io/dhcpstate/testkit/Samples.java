package io.dhcpstate.testkit;

import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;

/** Draws values from a generator outside a property, under a fixed seed. */
final class Samples {
  private Samples() {}

  /** Returns the first {@code n} values QuickTheories draws from {@code gen} with a seed. */
  static <T> List<T> of(Gen<T> gen, long seed, int n) {
    List<T> out = new ArrayList<>(n);
    qt().withFixedSeed(seed).withExamples(n).forAll(gen).checkAssert(out::add);
    return out;
  }
}
