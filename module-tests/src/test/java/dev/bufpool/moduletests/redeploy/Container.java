package dev.bufpool.moduletests.redeploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request threads of a servlet container: a fixed pool, started before any application is
 * deployed and living after it is undeployed. Each request runs with the application's class loader
 * as the thread's context class loader and restores the previous one after, as containers do.
 */
final class Container implements AutoCloseable {

    /** How many request threads there are. */
    static final int THREADS = 4;
    /** The longest a request, or the wait for all threads to be busy at once, may take. */
    private static final long BOUND_SECONDS = 30;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.HOURS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "request-" + (threads.size() + 1));
                threads.add(thread);
                return thread;
            });

    Container() {
        executor.prestartAllCoreThreads();
    }

    /** @return the request threads */
    List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** Runs {@code task} as one request of the application whose class loader is {@code app}, and gives its result. */
    <V> V request(ClassLoader app, Callable<V> task) throws Exception {
        Future<V> future = executor.submit(() -> inContext(app, task));
        try {
            return future.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Runs {@code task} as a request on every request thread at once, so that each thread uses the application. */
    void onEveryThread(ClassLoader app, Runnable task) throws Exception {
        CountDownLatch allBusy = new CountDownLatch(THREADS);
        List<Future<Object>> requests = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            requests.add(executor.submit(() -> inContext(app, () -> {
                allBusy.countDown();
                if (!allBusy.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                    throw new TimeoutException("the request threads were not all busy at once");
                }
                task.run();
                return null;
            })));
        }
        for (Future<Object> request : requests) {
            try {
                request.get(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        }
    }

    private static <V> V inContext(ClassLoader app, Callable<V> task) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(app);
        try {
            return task.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops the request threads and waits for them to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
