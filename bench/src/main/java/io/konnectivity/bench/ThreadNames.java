package io.konnectivity.bench;

/** Groups threads by name, so that the threads of one pool count together. */
final class ThreadNames {

    private ThreadNames() {}

    /**
     * The name without its numbers, without the URL OkHttp puts in a thread's name while it calls, and with {@code _}
     * for spaces: {@code pool-3-thread-17} reads {@code pool-#-thread-#}, {@code OkHttp https://127.0.0.1:4411/...}
     * reads {@code OkHttp_call}.
     */
    static String group(String threadName) {
        int url = threadName.indexOf("://");
        String name = url < 0 ? threadName : threadName.substring(0, threadName.lastIndexOf(' ', url) + 1) + "call";
        return name.replaceAll("\\d+", "#").replaceAll("[\\s,:=]+", "_");
    }
}
