/** Implementation of the dnsmasq driver; not exported and not part of the API. */
package io.dhcpstate.driver.dnsmasq.internal;
