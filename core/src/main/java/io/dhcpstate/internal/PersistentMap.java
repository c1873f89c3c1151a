package io.dhcpstate.internal;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable hash map with structural sharing (a hash array mapped trie): {@link #put} and
 * {@link #remove} return a new map in O(log32 n) time and space, leaving this one unchanged.
 * This is what makes a network snapshot cheap to produce after one port change. Thread-safe
 * because immutable. Keys and values must not be null.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PersistentMap<K, V> {
  private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(null, 0);

  private final Object root; // null, a BitmapNode or a CollisionNode
  private final int size;

  private PersistentMap(Object root, int size) {
    this.root = root;
    this.size = size;
  }

  /**
   * Returns the empty map.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @return the empty map
   */
  @SuppressWarnings("unchecked")
  public static <K, V> PersistentMap<K, V> empty() {
    return (PersistentMap<K, V>) EMPTY;
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Tells whether the map is empty.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the value for a key, or {@code null}.
   *
   * @param key the key
   * @return the value, or {@code null} when absent
   */
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int h = spread(key.hashCode());
    Object node = root;
    int shift = 0;
    while (node != null) {
      if (node instanceof Collision c) {
        for (int i = 0; i < c.kv.length; i += 2) {
          if (c.kv[i].equals(key)) {
            return (V) c.kv[i + 1];
          }
        }
        return null;
      }
      Bitmap b = (Bitmap) node;
      int bit = 1 << ((h >>> shift) & 31);
      if ((b.bitmap & bit) == 0) {
        return null;
      }
      int idx = 2 * Integer.bitCount(b.bitmap & (bit - 1));
      Object k = b.array[idx];
      if (k == null) {
        node = b.array[idx + 1];
        shift += 5;
        continue;
      }
      return k.equals(key) ? (V) b.array[idx + 1] : null;
    }
    return null;
  }

  /**
   * Tells whether a key is present.
   *
   * @param key the key
   * @return true when present
   */
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /**
   * Returns a map with the key bound to the value.
   *
   * @param key the key
   * @param value the value
   * @return the new map; this one is unchanged
   */
  public PersistentMap<K, V> put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int h = spread(key.hashCode());
    boolean[] added = new boolean[1];
    Object newRoot = root == null ? Bitmap.single(h, 0, key, value) : put(root, h, 0, key, value, added);
    if (root == null) {
      added[0] = true;
    }
    return newRoot == root ? this : new PersistentMap<>(newRoot, size + (added[0] ? 1 : 0));
  }

  /**
   * Returns a map without the key.
   *
   * @param key the key
   * @return the new map, or this one when the key was absent
   */
  public PersistentMap<K, V> remove(Object key) {
    if (root == null || !containsKey(key)) {
      return this;
    }
    Object newRoot = remove(root, spread(key.hashCode()), 0, key);
    return new PersistentMap<>(newRoot, size - 1);
  }

  /**
   * Calls the action for every entry, in no particular order.
   *
   * @param action the action
   */
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super K, ? super V> action) {
    forEach(root, (BiConsumer<Object, Object>) action);
  }

  /**
   * Returns a read-only view of the values, iterating in no particular order.
   *
   * @return the values
   */
  public java.util.Collection<V> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        List<V> all = new ArrayList<>(size);
        PersistentMap.this.forEach((K k, V v) -> all.add(v));
        Iterator<V> it = all.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public V next() {
            if (!it.hasNext()) {
              throw new NoSuchElementException();
            }
            return it.next();
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private static int spread(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  private static void forEach(Object node, BiConsumer<Object, Object> action) {
    if (node == null) {
      return;
    }
    Object[] a = node instanceof Collision c ? c.kv : ((Bitmap) node).array;
    for (int i = 0; i < a.length; i += 2) {
      if (a[i] == null) {
        forEach(a[i + 1], action);
      } else {
        action.accept(a[i], a[i + 1]);
      }
    }
  }

  private static Object put(Object node, int h, int shift, Object key, Object value, boolean[] added) {
    if (node instanceof Collision c) {
      if (c.hash == h) {
        for (int i = 0; i < c.kv.length; i += 2) {
          if (c.kv[i].equals(key)) {
            if (c.kv[i + 1] == value) {
              return c;
            }
            Object[] kv = c.kv.clone();
            kv[i + 1] = value;
            return new Collision(h, kv);
          }
        }
        Object[] kv = Arrays.copyOf(c.kv, c.kv.length + 2);
        kv[c.kv.length] = key;
        kv[c.kv.length + 1] = value;
        added[0] = true;
        return new Collision(h, kv);
      }
      // Different hash: push the collision node one level down.
      Bitmap wrapper = new Bitmap(1 << ((c.hash >>> shift) & 31), new Object[] {null, c});
      return put(wrapper, h, shift, key, value, added);
    }
    Bitmap b = (Bitmap) node;
    int bit = 1 << ((h >>> shift) & 31);
    int idx = 2 * Integer.bitCount(b.bitmap & (bit - 1));
    if ((b.bitmap & bit) == 0) {
      Object[] a = new Object[b.array.length + 2];
      System.arraycopy(b.array, 0, a, 0, idx);
      a[idx] = key;
      a[idx + 1] = value;
      System.arraycopy(b.array, idx, a, idx + 2, b.array.length - idx);
      added[0] = true;
      return new Bitmap(b.bitmap | bit, a);
    }
    Object k = b.array[idx];
    Object v = b.array[idx + 1];
    Object replacement;
    Object replacementKey = null;
    if (k == null) {
      replacement = put(v, h, shift + 5, key, value, added);
      if (replacement == v) {
        return b;
      }
    } else if (k.equals(key)) {
      if (v == value) {
        return b;
      }
      replacementKey = k;
      replacement = value;
    } else {
      added[0] = true;
      replacement = pair(spread(k.hashCode()), k, v, h, key, value, shift + 5);
    }
    Object[] a = b.array.clone();
    a[idx] = replacementKey;
    a[idx + 1] = replacement;
    return new Bitmap(b.bitmap, a);
  }

  private static Object pair(int h1, Object k1, Object v1, int h2, Object k2, Object v2, int shift) {
    if (h1 == h2 || shift >= 32) {
      return new Collision(h1, new Object[] {k1, v1, k2, v2});
    }
    int b1 = (h1 >>> shift) & 31;
    int b2 = (h2 >>> shift) & 31;
    if (b1 == b2) {
      return new Bitmap(1 << b1, new Object[] {null, pair(h1, k1, v1, h2, k2, v2, shift + 5)});
    }
    return b1 < b2
        ? new Bitmap(1 << b1 | 1 << b2, new Object[] {k1, v1, k2, v2})
        : new Bitmap(1 << b1 | 1 << b2, new Object[] {k2, v2, k1, v1});
  }

  /** Removes a key known to be present; returns the new node, or null when it became empty. */
  private static Object remove(Object node, int h, int shift, Object key) {
    if (node instanceof Collision c) {
      if (c.kv.length == 4) {
        int keep = c.kv[0].equals(key) ? 2 : 0;
        return Bitmap.single(h, shift, c.kv[keep], c.kv[keep + 1]);
      }
      Object[] kv = new Object[c.kv.length - 2];
      for (int i = 0, j = 0; i < c.kv.length; i += 2) {
        if (!c.kv[i].equals(key)) {
          kv[j++] = c.kv[i];
          kv[j++] = c.kv[i + 1];
        }
      }
      return new Collision(c.hash, kv);
    }
    Bitmap b = (Bitmap) node;
    int bit = 1 << ((h >>> shift) & 31);
    int idx = 2 * Integer.bitCount(b.bitmap & (bit - 1));
    if (b.array[idx] == null) {
      Object child = remove(b.array[idx + 1], h, shift + 5, key);
      if (child != null) {
        Object[] a = b.array.clone();
        a[idx + 1] = child;
        return new Bitmap(b.bitmap, a);
      }
    }
    if (b.bitmap == bit) {
      return null;
    }
    Object[] a = new Object[b.array.length - 2];
    System.arraycopy(b.array, 0, a, 0, idx);
    System.arraycopy(b.array, idx + 2, a, idx, b.array.length - idx - 2);
    return new Bitmap(b.bitmap & ~bit, a);
  }

  /** A trie node: entries are (key, value) or (null, child node), in bit order. */
  private record Bitmap(int bitmap, Object[] array) {
    static Bitmap single(int h, int shift, Object key, Object value) {
      return new Bitmap(1 << ((h >>> shift) & 31), new Object[] {key, value});
    }
  }

  /** Keys whose full hashes are equal. */
  private record Collision(int hash, Object[] kv) {}
}
