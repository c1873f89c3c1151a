package io.dhcpstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotShapeTest {

  @Test
  void upTo_bounds_fromZero() {
    assertThat(SnapshotShape.upTo(3, 10)).isEqualTo(new SnapshotShape(0, 3, 0, 10));
  }

  @Test
  void exactly_bounds_equal() {
    assertThat(SnapshotShape.exactly(2, 7)).isEqualTo(new SnapshotShape(2, 2, 7, 7));
  }

  @Test
  void constructor_badBounds_throwsNamingThem() {
    assertThatThrownBy(() -> new SnapshotShape(2, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subnets");
    assertThatThrownBy(() -> SnapshotShape.upTo(1, SnapshotShape.MAX_PORTS + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ports");
    assertThatThrownBy(() -> new SnapshotShape(0, 0, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnapshotShape.upTo(SnapshotShape.MAX_SUBNETS + 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
