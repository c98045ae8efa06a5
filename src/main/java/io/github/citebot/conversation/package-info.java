/**
 * Conversations: the earlier turns of a chat as an input to retrieval.
 *
 * <p>A {@link io.github.citebot.conversation.Conversation} keeps the last few {@link
 * io.github.citebot.conversation.Turn turns}. Each question is read by {@link
 * io.github.citebot.conversation.FollowUp}: standalone (searched as typed, exactly as
 * {@link io.github.citebot.CiteBot#ask} would) or leaning on what came before ("who said that?", "and Merkel?").
 * A follow-up is searched twice, as typed and as {@link io.github.citebot.conversation.HistoryQuery} rewrites it
 * with the earlier questions and the previous answer's names, and the two rankings are fused by {@link
 * io.github.citebot.conversation.FollowUpSearch}, each with the say its likelihood of having found an answer
 * earns it, with the places of the sentences cited before as priors; whether to answer is asked of both.
 */
package io.github.citebot.conversation;
