package org.wasmbpf.host.chicory;

import com.dylibso.chicory.compiler.Cache;

/**
 * One entry already read from the {@link CompiledClassCache}, handed to Chicory's compiler as its
 * cache: the module was parsed without validation and is used only because this entry exists,
 * so the compiler must load exactly these classes and never compile that module itself (which it
 * would if the file vanished between two reads).
 */
record LoadedCacheEntry(String key, byte[] classes) implements Cache {
    @Override
    public byte[] get(String wanted) {
        if (!key.equals(wanted)) {
            throw new IllegalStateException("cache entry " + key + " asked for " + wanted);
        }
        return classes;
    }

    @Override
    public void putIfAbsent(String ignoredKey, byte[] ignoredData) {
        throw new IllegalStateException("a loaded cache entry is never compiled afresh");
    }
}
