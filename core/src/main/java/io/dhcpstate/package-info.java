/**
 * The root of dhcpstate's API: the exception hierarchy ({@link io.dhcpstate.DhcpStateException}
 * and its subclasses) and {@link io.dhcpstate.Violation}, the description of one broken rule
 * that every validation error carries.
 */
package io.dhcpstate;
