/** Implementation of the in-memory driver; not exported and not part of the API. */
package io.dhcpstate.driver.inmemory.internal;
