package io.dhcpstate;

import io.dhcpstate.internal.Text;
import java.util.Objects;

/**
 * One rule broken by one field of one resource: the resource kind and id, the field, the
 * offending value (escaped for display) and the rule it broke.
 *
 * @param resource the kind of resource, such as {@code "port"} or {@code "subnet"}, or a
 *     setting group such as {@code "agent"}
 * @param id the resource's id as given (escaped), or {@code ""} when it has none yet
 * @param field the field or setting name, such as {@code "fixedIps[0].ip"}
 * @param value the offending value, already escaped and shortened for display
 * @param reason the rule the value broke, in a few words
 */
public record Violation(String resource, String id, String field, String value, String reason) {

  /** Checks that every component is present. */
  public Violation {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates a violation from a raw value, escaping and shortening the id and the value.
   *
   * @param resource the kind of resource
   * @param id the raw resource id, may be {@code null} when unknown
   * @param field the field name
   * @param rawValue the raw offending value, may be {@code null}
   * @param reason the rule that was broken
   * @return the violation
   */
  public static Violation of(
      String resource, String id, String field, Object rawValue, String reason) {
    return new Violation(
        resource,
        id == null ? "" : Text.escape(id),
        field,
        rawValue == null ? "null" : Text.escape(String.valueOf(rawValue)),
        reason);
  }

  /**
   * Creates a violation that hides the value, for fields that may hold secrets.
   *
   * @param resource the kind of resource
   * @param id the raw resource id
   * @param field the field name
   * @param reason the rule that was broken
   * @return the violation, with the value shown as {@code <hidden>}
   */
  public static Violation hidden(String resource, String id, String field, String reason) {
    return new Violation(resource, id == null ? "" : Text.escape(id), field, "<hidden>", reason);
  }

  /** Returns a one-line description naming the resource, the field, the value and the rule. */
  @Override
  public String toString() {
    String who = id.isEmpty() ? resource : resource + " '" + id + "'";
    return who + ": " + field + " = \"" + value + "\": " + reason;
  }
}
