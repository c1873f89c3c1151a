package io.dhcpstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PersistentMapTest {

  /** A key whose hash code is chosen by the test, so keys can be made to collide. */
  private record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  /**
   * Mirrors PersistentMap's private hash spreading, only to aim keys at the deepest trie levels.
   * If the map's spreading changes, the keys below still test correctness, just less deeply.
   */
  private static int spreadMirror(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  /** Hash codes whose spread values all end in the same {@code bits} low bits. */
  private static int[] sharingLowBits(int low, int bits) {
    List<Integer> found = new ArrayList<>();
    for (int top = 0; top < 1 << (32 - bits) && found.size() < 6; top++) {
      int target = top << bits | (low & ((1 << bits) - 1));
      for (int hh = 0; hh < 1 << 16; hh++) {
        int m = hh * 0x45d9f3b;
        int h = hh << 16 | ((target ^ m) & 0xffff);
        if (spreadMirror(h) == target) {
          found.add(h);
          break;
        }
      }
    }
    assertThat(found).as("hash codes sharing %d low bits", bits).hasSizeGreaterThan(1);
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private static final int[] TOP_TWO_BITS_DIFFER = sharingLowBits(0x2AAAAAAA, 30);
  private static final int[] TOP_SEVEN_BITS_DIFFER = sharingLowBits(0x01555555, 25);

  /**
   * Hash functions for keys 0..KEYS-1: all equal, a few values, a few values sharing their low
   * bits (collision nodes next to keys of other hashes), values that share their low bits (deep
   * tries, down to the last level), values differing only in the top bits, and well spread ones.
   */
  private static final List<IntUnaryOperator> HASHES = List.of(
      id -> 42,
      id -> id % 3,
      id -> TOP_TWO_BITS_DIFFER[id % TOP_TWO_BITS_DIFFER.length],
      id -> TOP_SEVEN_BITS_DIFFER[id % TOP_SEVEN_BITS_DIFFER.length],
      id -> (id % 3) << 5,
      id -> (id % 3) << 10 | (id % 2) << 5,
      id -> (id % 4) << 30,
      id -> (id % 5) << 27 | 7,
      id -> id << 5,
      id -> id << 11,
      id -> id * 0x9E3779B9,
      id -> id % 7 == 0 ? Integer.MIN_VALUE : -1 - id % 2,
      id -> id);

  private static final int KEYS = 48;

  /** One operation: with chance {@code roll}/10, put (key, value), else remove key. */
  private record Op(int roll, int key, int value) {}

  private static Gen<List<Op>> ops() {
    Gen<Op> op = integers().between(0, 9).zip(integers().between(0, KEYS - 1),
        integers().between(0, 5), Op::new);
    return lists().of(op).ofSizeBetween(0, 150);
  }

  @Test
  void putRemove_randomSequences_agreeWithHashMapInEveryVersion() {
    Gen<Integer> hashChoice = Generate.range(0, HASHES.size() - 1);
    // Few keys and remove-heavy runs shrink collision nodes back to one entry.
    Gen<Integer> keyCount = Generate.pick(List.of(2, 3, 5, 8, 16, KEYS));
    Gen<Integer> putPercent = Generate.pick(List.of(30, 50, 70));
    qt().withExamples(300).forAll(hashChoice, keyCount, putPercent, ops())
        .checkAssert((h, keyTotal, putShare, ops) -> {
          IntUnaryOperator hash = HASHES.get(h);
          Key[] keys = new Key[keyTotal];
          for (int i = 0; i < keyTotal; i++) {
            keys[i] = new Key(i, hash.applyAsInt(i));
          }
          PersistentMap<Key, String> map = PersistentMap.empty();
          Map<Key, String> model = new HashMap<>();
          List<PersistentMap<Key, String>> versions = new ArrayList<>();
          List<Map<Key, String>> models = new ArrayList<>();
          versions.add(map);
          models.add(Map.copyOf(model));
          for (Op op : ops) {
            Key k = keys[op.key() % keyTotal];
            if (op.roll() * 10 < putShare) {
              String v = "v" + op.value();
              map = map.put(k, v);
              model.put(k, v);
            } else {
              map = map.remove(k);
              model.remove(k);
            }
            assertAgrees(map, model, keys);
            versions.add(map);
            models.add(Map.copyOf(model));
          }
          for (int i = 0; i < versions.size(); i++) {
            assertAgrees(versions.get(i), models.get(i), keys);
          }
        });
  }

  /** Compares with plain Java first (fast), and reports through AssertJ on a mismatch. */
  private static void assertAgrees(PersistentMap<Key, String> map, Map<Key, String> model,
      Key[] keys) {
    boolean same = map.size() == model.size() && map.isEmpty() == model.isEmpty();
    for (int i = 0; same && i < keys.length; i++) {
      same = java.util.Objects.equals(map.get(keys[i]), model.get(keys[i]))
          && map.containsKey(keys[i]) == model.containsKey(keys[i]);
    }
    List<String> values = new ArrayList<>(map.values());
    List<String> expectedValues = new ArrayList<>(model.values());
    values.sort(null);
    expectedValues.sort(null);
    Map<Key, String> seen = new HashMap<>();
    boolean[] twice = new boolean[1];
    map.forEach((k, v) -> twice[0] |= seen.put(k, v) != null);
    same = same && values.equals(expectedValues) && !twice[0] && seen.equals(model)
        && map.values().size() == model.size();
    if (same) {
      return;
    }
    assertThat(map.size()).as("size").isEqualTo(model.size());
    assertThat(map.isEmpty()).as("isEmpty").isEqualTo(model.isEmpty());
    for (Key k : keys) {
      assertThat(map.get(k)).as("get %s", k).isEqualTo(model.get(k));
      assertThat(map.containsKey(k)).as("containsKey %s", k).isEqualTo(model.containsKey(k));
    }
    assertThat(twice[0]).as("an entry visited twice").isFalse();
    assertThat(values).as("values").isEqualTo(expectedValues);
    assertThat(seen).as("entries").isEqualTo(model);
    assertThat(map.values()).as("values().size()").hasSize(model.size());
  }

  @Test
  void remove_collisionNodeDownToOneKey_survivorStillFound() {
    Key a = new Key(1, 0);
    Key b = new Key(2, 0);
    Key c = new Key(3, 0);
    PersistentMap<Key, String> map =
        PersistentMap.<Key, String>empty().put(a, "a").put(b, "b").put(c, "c");

    PersistentMap<Key, String> left = map.remove(a).remove(c);

    assertThat(left.size()).isEqualTo(1);
    assertThat(left.get(b)).isEqualTo("b");
    assertThat(left.get(a)).isNull();
    assertThat(left.put(a, "a2").get(a)).isEqualTo("a2");
    assertThat(map.get(a)).isEqualTo("a");
  }

  @Test
  void remove_collidingKeysBesideKeyOfOtherHash_otherKeyStillFound() {
    // Hash codes 0 and 32 share their lowest 5 bits and differ in the next 5.
    Key a = new Key(1, 0);
    Key b = new Key(2, 0);
    Key other = new Key(3, 32);
    for (List<Key> order : List.of(List.of(a, b, other), List.of(other, a, b),
        List.of(a, other, b))) {
      PersistentMap<Key, String> map = PersistentMap.empty();
      for (Key k : order) {
        map = map.put(k, "v" + k.id());
      }

      PersistentMap<Key, String> left = map.remove(a).remove(b);

      assertThat(left.get(other)).as("order %s", order).isEqualTo("v3");
      assertThat(left.size()).isEqualTo(1);
      assertThat(map.remove(other).get(a)).isEqualTo("v1");
      assertThat(map.remove(other).remove(b).get(a)).isEqualTo("v1");
    }
  }

  @Test
  void putRemove_hashesDifferingOnlyInTopBits_everyKeyFound() {
    PersistentMap<Key, String> map = PersistentMap.empty();
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < 3 * TOP_TWO_BITS_DIFFER.length; i++) {
      Key k = new Key(i, TOP_TWO_BITS_DIFFER[i % TOP_TWO_BITS_DIFFER.length]);
      keys.add(k);
      map = map.put(k, "v" + i);
    }
    for (Key k : keys) {
      assertThat(map.get(k)).isEqualTo("v" + k.id());
    }
    PersistentMap<Key, String> shrinking = map;
    for (int i = 0; i < keys.size() - 1; i++) {
      shrinking = shrinking.remove(keys.get(i));
      for (int j = i + 1; j < keys.size(); j++) {
        assertThat(shrinking.get(keys.get(j))).isEqualTo("v" + j);
      }
    }
    assertThat(shrinking.size()).isEqualTo(1);
    assertThat(map.size()).isEqualTo(keys.size());
  }

  @Test
  void put_identicalValue_returnsSameInstance() {
    String value = "v";
    PersistentMap<String, String> map = PersistentMap.<String, String>empty()
        .put("a", value).put("b", "w");

    assertThat(map.put("a", value)).isSameAs(map);
  }

  @Test
  void put_identicalValueUnderCollidingKey_returnsSameInstance() {
    Key a = new Key(1, 7);
    Key b = new Key(2, 7);
    Key c = new Key(3, 7);
    String value = "v";
    PersistentMap<Key, String> map = PersistentMap.<Key, String>empty()
        .put(a, "x").put(b, value).put(c, "y");

    assertThat(map.put(b, value)).isSameAs(map);
    assertThat(map.size()).isEqualTo(3);
  }

  @Test
  void put_identicalValueDeepInTrie_returnsSameInstance() {
    PersistentMap<Key, String> map = PersistentMap.empty();
    String[] values = new String[40];
    for (int i = 0; i < 40; i++) {
      values[i] = "v" + i;
      map = map.put(new Key(i, i << 25), values[i]);
    }

    for (int i = 0; i < 40; i++) {
      assertThat(map.put(new Key(i, i << 25), values[i])).isSameAs(map);
    }
  }

  @Test
  void put_equalButNewValue_replacesWithoutGrowing() {
    PersistentMap<String, String> map = PersistentMap.<String, String>empty().put("a", "v");

    PersistentMap<String, String> next = map.put("a", new String("v"));

    assertThat(next.size()).isEqualTo(1);
    assertThat(next.get("a")).isEqualTo("v");
  }

  @Test
  void remove_absentKey_returnsSameInstance() {
    PersistentMap<Key, String> map = PersistentMap.<Key, String>empty()
        .put(new Key(1, 5), "a").put(new Key(2, 5), "b");

    assertThat(map.remove(new Key(3, 5))).isSameAs(map);
    assertThat(map.remove(new Key(4, 6))).isSameAs(map);
    assertThat(PersistentMap.empty().remove("x")).isSameAs(PersistentMap.empty());
  }

  @Test
  void empty_noEntries() {
    PersistentMap<String, String> map = PersistentMap.empty();

    assertThat(map.size()).isZero();
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.get("a")).isNull();
    assertThat(map.containsKey("a")).isFalse();
    assertThat(map.values()).isEmpty();
  }

  @Test
  void put_nullKeyOrValue_throwsNullPointerException() {
    PersistentMap<String, String> map = PersistentMap.empty();

    assertThatThrownBy(() -> map.put(null, "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("k", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void values_iteratorPastEnd_throwsNoSuchElement() {
    Iterator<String> it = PersistentMap.<String, String>empty().put("a", "v").values().iterator();

    assertThat(it.next()).isEqualTo("v");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void values_view_readOnly() {
    PersistentMap<String, String> map = PersistentMap.<String, String>empty().put("a", "v");

    assertThatThrownBy(() -> map.values().add("w"))
        .isInstanceOf(UnsupportedOperationException.class);
    Iterator<String> it = map.values().iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map.get("a")).isEqualTo("v");
  }

  @Test
  void putRemove_manyIntegers_agreeWithHashMap() {
    PersistentMap<Integer, Integer> map = PersistentMap.empty();
    Map<Integer, Integer> model = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      int k = i * 7919;
      map = map.put(k, i);
      model.put(k, i);
    }
    PersistentMap<Integer, Integer> full = map;
    for (int i = 0; i < 50_000; i += 2) {
      int k = i * 7919;
      map = map.remove(k);
      model.remove(k);
    }

    assertThat(full.size()).isEqualTo(50_000);
    assertThat(map.size()).isEqualTo(model.size());
    for (int i = 0; i < 50_000; i++) {
      int k = i * 7919;
      if (!java.util.Objects.equals(map.get(k), model.get(k)) || full.get(k) != i) {
        assertThat(map.get(k)).as("get %d", k).isEqualTo(model.get(k));
        assertThat(full.get(k)).as("old version get %d", k).isEqualTo(i);
      }
    }
    List<Integer> values = new ArrayList<>(map.values());
    List<Integer> expected = new ArrayList<>(model.values());
    values.sort(null);
    expected.sort(null);
    assertThat(values).isEqualTo(expected);
  }
}
