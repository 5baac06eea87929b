using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Letters;

public static class LetterEvents
{
    public static EventTypes Register(EventTypes types) => types
        .Register<LetterDrafted>("letter-drafted")
        .Register<LetterSigned>("letter-signed")
        .Register<LetterDispatched>("letter-dispatched")
        .Register<LetterArrived>("letter-arrived")
        .Register<LetterRegistered>("letter-registered")
        .Register<MinuteWritten>("minute-written")
        .Register<LetterDecided>("letter-decided")
        .Register<LetterForwarded>("letter-forwarded")
        .Register<LetterAcknowledged>("letter-acknowledged")
        .Register<RequestedActionDone>("requested-action-done")
        .Register<PaperScanKept>("paper-scan-kept")
        .Register<SentPdfKept>("sent-pdf-kept")
        .Register<Actions.ActionsRequested>("actions-requested")
        .Register<Actions.ActionDeadlineExtended>("action-deadline-extended")
        .Register<LetterRecalled>("letter-recalled")
        .Register<LetterWithdrawn>("letter-withdrawn")
        .Register<LetterReturned>("letter-returned")
        .Register<LetterReturnedToSender>("letter-returned-to-sender")
        .Register<LetterRedirected>("letter-redirected");
}
