package org.sharpnesslab.kernel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

/**
 * The replies basekernel 2.3.0 gets wrong, per the Jupyter messaging spec 5.3: {@code kernel_info_reply},
 * {@code shutdown_reply}, {@code interrupt_reply}, {@code history_reply} and {@code comm_info_reply} all lack the
 * {@code status} field the spec requires of every reply (and history requests go unanswered without a history
 * manager). These handlers replace basekernel's for those five types; the others (execute, inspect, complete,
 * is_complete) already carry a status. The execute handler is wrapped to keep the request's reply environment,
 * through which {@code clear_output} is published, and to honour {@code store_history}; a help request
 * ({@code Math.max?}, {@link HelpRequest}) is answered here with a {@code page} payload, which basekernel's execute
 * reply cannot carry.
 */
final class ProtocolReplies {

    private ProtocolReplies() {
    }

    static void install(JupyterConnection connection, SharpnessKernel kernel) {
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            Map<String, Object> c = ok();
            c.put("protocol_version", Header.PROTOCOL_VERISON);
            c.put("implementation", "sharpness-lab");
            c.put("implementation_version", SharpnessKernel.VERSION);
            c.put("language_info", kernel.getLanguageInfo());
            c.put("banner", kernel.getBanner());
            c.put("help_links", List.of());
            c.put("debugger", false);
            reply(env, MessageType.KERNEL_INFO_REPLY, c);
        });
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            Map<String, Object> c = ok();
            c.put("restart", msg.getContent().isRestart());
            env.defer();
            reply(env, MessageType.SHUTDOWN_REPLY, c);
            kernel.onShutdown(msg.getContent().isRestart());
            env.resolveDeferrals();
            env.markForShutdown();
        });
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            env.defer();
            reply(env, MessageType.INTERRUPT_REPLY, ok());
            kernel.interrupt();
        });
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            Map<String, Object> c = ok();
            c.put("history", history(kernel.getHistoryManager(), msg.getContent()));
            reply(env, MessageType.HISTORY_REPLY, c);
        });
        connection.setHandler(MessageType.COMM_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            String target = msg.getContent().getTargetName();
            Map<String, Object> comms = new LinkedHashMap<>();
            for (Comm comm : kernel.getCommManager()) {
                if (target == null || target.equals(comm.getTargetName())) {
                    comms.put(comm.getID(), Map.of("target_name", comm.getTargetName()));
                }
            }
            Map<String, Object> c = ok();
            c.put("comms", comms);
            reply(env, MessageType.COMM_INFO_REPLY, c);
        });
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, msg) -> {
            Optional<HelpRequest> help = HelpRequest.parse(msg.getContent().getCode());
            if (help.isPresent()) {
                help(env, msg.getContent(), kernel, help.get());
                return;
            }
            kernel.attach(env, msg.getContent().shouldStoreHistory() && !msg.getContent().isSilent());
            try {
                execute.handle(env, msg);
            } finally {
                kernel.detach(env);
            }
        });
    }

    /**
     * Answers a help request as an execute request: {@code execute_input}, then a reply whose payload pages the
     * name's documentation (what inspect gives), or, when none is found, a line on stdout and no payload.
     */
    private static void help(ShellReplyEnvironment env, ExecuteRequest request, SharpnessKernel kernel,
                             HelpRequest help) {
        env.setBusyDeferIdle();
        int count = kernel.nextExecutionCount();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        DisplayData doc = kernel.inspect(help.subject(), help.subject().length(), help.detail());
        if (doc == null) {
            env.publish(new PublishStream(PublishStream.StreamType.OUT, help.notFound()));
        }
        if (request.shouldStoreHistory() && !request.isSilent()) {
            kernel.remember(count, request.getCode(), null);
        }
        Map<String, Object> c = ok();
        c.put("execution_count", count);
        c.put("payload", doc == null ? List.of() : List.of(HelpRequest.page(doc)));
        c.put("user_expressions", Map.of());
        reply(env, MessageType.EXECUTE_REPLY, c);
    }

    private static Map<String, Object> ok() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", "ok");
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Map<String, Object> content) {
        env.reply(new Message(env.getContext(), type, content));
    }

    /** The entries as the spec's tuples: {@code [session, line, input]} or {@code [session, line, [in, out]]}. */
    static List<Object> history(HistoryManager manager, HistoryRequest request) {
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> manager.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield manager.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield manager.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        List<Object> out = new ArrayList<>();
        for (HistoryEntry e : entries == null ? List.<HistoryEntry>of() : entries) {
            out.add(List.of(e.getSession(), e.getCellNumber(),
                    e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput()));
        }
        return out;
    }
}
