/**
 * Where a paragraph ends and a numbered item starts: the one definition that both the PDF cell
 * reader (which lines of a cell are wrapped) and the parser's wrap joiner (text exports) use.
 */

/** A line ending a sentence or an introduction: 。；： ！？ and a closing quote. */
export const SENTENCE_END = /[。；;：:！!？?”]$/;

/**
 * A line starting a numbered or bulleted item: （1） (一) 1、 一. 2) ① 第三条 第二， a word numbered
 * before a colon (目标13： 任务2:) and bullets. `1.5万元` is a number, not item 1.
 */
export const ITEM_START =
  /^(?:[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、．.)）](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[阶部条项章节步点，,、：:]|\p{Script=Han}{1,4}\d{1,3}[：:]|[-•·*])/u;
