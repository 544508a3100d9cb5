/** {@code wasm-bpf serve}: many guests in one long-lived JVM behind an HTTP API (docs/serve.md). */
package org.wasmbpf.host.serve;
