package io.dhcpstate;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a resource, event, option or setting from outside breaks a validation rule. The
 * message names the resource, the field and the escaped offending value; {@link #violations()}
 * gives the same as data. A rejected value is never stored or written anywhere.
 */
public class InvalidResourceException extends DhcpStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * Creates an exception for one broken rule.
   *
   * @param violation the broken rule
   */
  public InvalidResourceException(Violation violation) {
    this(List.of(violation));
  }

  /**
   * Creates an exception for one or more broken rules.
   *
   * @param violations the broken rules, at least one
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public InvalidResourceException(List<Violation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  private static String message(List<Violation> violations) {
    Objects.requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    if (violations.size() == 1) {
      return violations.get(0).toString();
    }
    StringBuilder sb = new StringBuilder(violations.size() + " violations: ");
    for (int i = 0; i < violations.size() && i < 10; i++) {
      sb.append(i == 0 ? "" : "; ").append(violations.get(i));
    }
    if (violations.size() > 10) {
      sb.append("; ...");
    }
    return sb.toString();
  }

  /**
   * Returns the broken rules, at least one.
   *
   * @return an immutable list of violations
   */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * Returns the first broken rule.
   *
   * @return the first violation
   */
  public Violation violation() {
    return violations.get(0);
  }
}
