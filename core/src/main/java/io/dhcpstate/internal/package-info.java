/** Implementation details of dhcpstate core; not exported and not part of the API. */
package io.dhcpstate.internal;
