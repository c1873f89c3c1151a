package io.dhcpstate.internal;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Field checks shared by the model's compact constructors; each failure names the field. */
public final class Checks {
  /** Longest identifier accepted. */
  public static final int MAX_ID = 64;

  private Checks() {}

  /**
   * Checks an identifier: 1 to 64 characters of {@code [A-Za-z0-9._-]}, starting with a letter
   * or digit, so it is safe as a file name, a command-line value and a dnsmasq tag.
   *
   * @param resource the resource kind
   * @param ownerId the id of the resource being checked, for the message
   * @param field the field name
   * @param value the value
   * @return the value
   * @throws InvalidResourceException if the value is not an identifier
   */
  public static String id(String resource, String ownerId, String field, String value) {
    String problem = idProblem(value);
    if (problem != null) {
      throw new InvalidResourceException(Violation.of(resource, ownerId, field, value, problem));
    }
    return value;
  }

  /**
   * Returns why a value is not an identifier, or {@code null} if it is one.
   *
   * @param value the candidate
   * @return the problem, or {@code null}
   */
  public static String idProblem(String value) {
    if (value == null) {
      return "is missing";
    }
    if (value.isEmpty() || value.length() > MAX_ID) {
      return "must be 1.." + MAX_ID + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (i == 0 && !alnum) {
        return "must start with a letter or digit";
      }
      if (!alnum && c != '.' && c != '_' && c != '-') {
        return "may hold only A-Z a-z 0-9 . _ - (found a forbidden character at index " + i + ")";
      }
    }
    return null;
  }

  /**
   * Checks a non-null value.
   *
   * @param <T> the value type
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the value
   * @return the value
   * @throws InvalidResourceException if the value is {@code null}
   */
  public static <T> T present(String resource, String ownerId, String field, T value) {
    if (value == null) {
      throw new InvalidResourceException(
          Violation.of(resource, ownerId, field, null, "is missing"));
    }
    return value;
  }

  /**
   * Copies a list into an immutable one, rejecting a null list, null elements and lists longer
   * than {@code max}.
   *
   * @param <T> the element type
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param list the list
   * @param max the largest size allowed
   * @return an immutable copy
   * @throws InvalidResourceException if the list is missing, too long or holds a null
   */
  public static <T> List<T> list(
      String resource, String ownerId, String field, List<T> list, int max) {
    present(resource, ownerId, field, list);
    if (list.size() > max) {
      throw new InvalidResourceException(
          Violation.of(resource, ownerId, field, list.size() + " entries",
              "may hold at most " + max + " entries"));
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new InvalidResourceException(
            Violation.of(resource, ownerId, field + "[" + i + "]", null, "is missing"));
      }
    }
    return List.copyOf(list);
  }

  /**
   * Checks an optional is present as an object (it may be empty).
   *
   * @param <T> the element type
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the optional
   * @return the optional
   */
  public static <T> Optional<T> optional(
      String resource, String ownerId, String field, Optional<T> value) {
    return present(resource, ownerId, field, value);
  }

  /**
   * Checks a DNS name: RFC 1123 labels of 1 to 63 letters, digits and hyphens, not starting or
   * ending with a hyphen, joined by dots, at most 253 characters; one trailing dot is allowed.
   *
   * @param value the candidate
   * @return why it is not a DNS name, or {@code null} if it is one
   */
  public static String dnsNameProblem(String value) {
    if (value == null) {
      return "is missing";
    }
    String v = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    if (v.isEmpty() || v.length() > 253) {
      return "must be 1..253 characters";
    }
    int labelStart = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || v.charAt(i) == '.') {
        int len = i - labelStart;
        if (len == 0 || len > 63) {
          return "each label must be 1..63 characters (label at index " + labelStart + ")";
        }
        if (v.charAt(labelStart) == '-' || v.charAt(i - 1) == '-') {
          return "a label must not start or end with '-' (label at index " + labelStart + ")";
        }
        labelStart = i + 1;
        continue;
      }
      char c = v.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-';
      if (!ok) {
        return "may hold only letters, digits, '-' and '.' (forbidden character at index " + i
            + ")";
      }
    }
    return null;
  }

  /**
   * Checks a DNS name field.
   *
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the value
   * @return the value
   * @throws InvalidResourceException if it is not an RFC 1123 name
   */
  public static String dnsName(String resource, String ownerId, String field, String value) {
    String problem = dnsNameProblem(value);
    if (problem != null) {
      throw new InvalidResourceException(Violation.of(resource, ownerId, field, value, problem));
    }
    return value;
  }

  /**
   * Checks free text such as a display name: at most {@code max} characters, no control or
   * format characters, no unpaired surrogates.
   *
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the value
   * @param max the longest length allowed
   * @return the value
   * @throws InvalidResourceException if the text is missing, too long or holds forbidden
   *     characters
   */
  public static String text(
      String resource, String ownerId, String field, String value, int max) {
    present(resource, ownerId, field, value);
    if (value.length() > max) {
      throw new InvalidResourceException(
          Violation.of(resource, ownerId, field, value, "must be at most " + max + " characters"));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int type = Character.getType(c);
      boolean bad = Character.isISOControl(c) || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || Character.isHighSurrogate(c)
              && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
      if (bad) {
        throw new InvalidResourceException(
            Violation.of(resource, ownerId, field, value,
                "holds a control, format or unpaired surrogate character at index " + i));
      }
    }
    return value;
  }

  /**
   * Checks a number lies in a closed range.
   *
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the value
   * @param min the least allowed
   * @param max the most allowed
   * @return the value
   * @throws InvalidResourceException if the value is out of range
   */
  public static long range(
      String resource, String ownerId, String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidResourceException(
          Violation.of(resource, ownerId, field, value, "must be in " + min + ".." + max));
    }
    return value;
  }

  /**
   * Throws a violation.
   *
   * @param resource the resource kind
   * @param ownerId the resource id
   * @param field the field name
   * @param value the offending value
   * @param reason the rule broken
   * @return never returns
   * @throws InvalidResourceException always
   */
  public static InvalidResourceException fail(
      String resource, String ownerId, String field, Object value, String reason) {
    throw new InvalidResourceException(Violation.of(resource, ownerId, field, value, reason));
  }

  /**
   * Returns the value of an ASCII hex digit, or -1. Unlike {@link Character#digit(char, int)}
   * it refuses non-ASCII digits such as fullwidth or Arabic-Indic ones.
   *
   * @param c the character
   * @return 0..15, or -1
   */
  public static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Returns the argument, asserting it is not null (for internal invariants).
   *
   * @param <T> the type
   * @param value the value
   * @param name the name for the message
   * @return the value
   */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, name);
  }
}
