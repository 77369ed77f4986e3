namespace Crm.Grains.Interfaces.Automation;

/// <summary>The customer event a trigger waits for (Bitrix24's trigger types).</summary>
[GenerateSerializer]
public enum TriggerKind
{
    /// <summary>An e-mail from the client's address arrived (inbound e-mail gateway).</summary>
    IncomingEmail = 0,

    /// <summary>The client called from one of their numbers (telephony gateway).</summary>
    IncomingCall = 1,

    /// <summary>The client filled in a web form (optionally one given form).</summary>
    WebForm = 2,

    /// <summary>The client wrote in the chat (optionally on one given channel).</summary>
    ChatMessage = 3,

    /// <summary>The client opened a tracked link made for the record.</summary>
    LinkClicked = 4,

    /// <summary>An incoming webhook named the record and the trigger's code.</summary>
    Webhook = 5,

    /// <summary>Another deal of the same client (a shared contact or company) reached a given pipeline stage.</summary>
    DealStage = 6,
}
