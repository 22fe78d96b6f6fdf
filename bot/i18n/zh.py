"""Simplified Chinese texts; keys and placeholders as in en.py."""

TEXTS = {
    "language_name": "中文",
    "start_hello": "{name}，您好！",
    "start_knows": (
        "我可以回答有关《2024-2025两年度工作计划》实施报告的问题。"
        "该报告是为《粮食和农业植物遗传资源国际条约》管理机构第十一届会议（GB-11，利马，"
        "议程项目18）编写的。"
    ),
    "start_how": (
        "可用任何一种联合国语言提问：我会逐字引用官方中文文本中回答您问题的段落，"
        "并注明段落编号和出处。不妨试试以下问题："
    ),
    "example_1": "迄今已申报多少份标准材料转让协定？",
    "example_2": "哪些国家在2024-2025年加入了《国际条约》？",
    "example_3": "新的全球信息系统门户网站何时上线？",
    "help": (
        "使用方式有三种：\n"
        "1. 在私聊中：直接输入问题。/para 26 显示第26段。\n"
        "2. 在任何聊天中：输入 @{bot} 和问题，然后选择一个段落，分享其引文。只输入 @{bot} "
        "则列出报告各章节。\n"
        "3. 在群组中：输入 /ask 加问题，或回复我的任一条消息。\n"
        "/lang 设置回答语言；/privacy 说明我存储哪些信息。"
    ),
    "para_usage": "请发送 /para 加段落编号，例如 /para 26。",
    "ask_usage": "请在 /ask 后输入问题，例如：/ask {example}",
    "out_of_range": "“{document}”共有第{first}至第{last}段，没有第{number}段。",
    "empty": "请输入问题，例如：{example}",
    "no_words": "这条消息中没有找到文字。请用文字提问。",
    "cut": "您的问题较长，我只读取了开头部分。",
    "abstain": "报告似乎没有回答这个问题。以下是最相近的段落，供您参考：",
    "closest": "报告可能没有确切回答这个问题；最相近的段落是：",
    "working_translation": "非官方工作译文（{language}），专为本工具编制，并非粮农组织正式文本。",
    "official_translation": "正式版本（{language}）。",
    "official_text": "正式文本（{language}）",
    "sources": "资料来源",
    "document": "文件",
    "paragraph_link": "本段链接",
    "citation": "引用格式",
    "more_results": "更多结果",
    "other_matches": "其他匹配结果：",
    "open_in_bot": "在机器人中打开",
    "feedback_thanks": "谢谢，您的反馈已记录。",
    "not_your_card": "只有提问的代表才能更改此回答。",
    "stale_button": "此按钮已失效，请重新提问。",
    "rate_limited": "您提问的速度超过了我的回答速度，请稍候几秒钟。",
    "group_hello": (
        "大家好！我引用GB-11关于《2024-2025两年度工作计划》的报告。请输入 /ask 加问题向我提问，"
        "或回复我的任一条消息。"
    ),
    "unsupported": "我只能读取以文字形式提出的问题。",
    "error": "抱歉，出现错误，请重试。",
    "admins_only": "此命令仅限机器人管理员使用。",
    "stats_title": "自开始计数以来的使用情况",
    "stats_questions": "各语言提问数",
    "stats_abstained": "报告未能回答的问题",
    "stats_paragraphs": "被引用最多的段落",
    "stats_feedback": "反馈（有帮助 / 无帮助）",
    "stats_unavailable": "统计数据暂时无法读取（机器人的数据库不可读）；回答不受影响。",
    "privacy": (
        "我存储的信息：匿名计数（各语言提问数、未获回答的问题、被引用的段落），以及您选择"
        "的回答语言（与您用户ID的加盐哈希值关联）。您的问题不会被记录，每个问题仅保存至"
        "其回答发出为止（以免重启或故障导致问题丢失），但您选择发送 👍/👎 反馈时所涉及"
        "的问题和段落除外。任何信息均不与第三方共享。"
    ),
    "lang_choose": "请选择我的回答语言：",
    "lang_set": "我将用中文回答。",
    "reload_done": "索引已重新加载：{paragraphs}个段落，{languages}种语言。",
    "reload_failed": "索引未能重新加载，我将继续使用之前的索引。",
    "cmd_start": "简介和示例问题",
    "cmd_help": "如何使用本机器人",
    "cmd_ask": "提问（用于群组）",
    "cmd_para": "按编号显示段落",
    "cmd_lang": "回答语言",
    "cmd_docs": "我引用的文件",
    "cmd_privacy": "本机器人存储的信息",
    "terminal_prompt": "您的问题（输入空行或按 Ctrl-D 退出）：",
    "terminal_help": (
        "输入问题后按回车。/para 26 显示第26段；/lang fr 用法文回答（代码：{languages}）；"
        "/help 显示本说明；输入 quit、exit、空行或按 Ctrl-D 退出。"
    ),
    "terminal_lang_usage": "请输入 /lang 加以下代码之一：{languages}。",
    "unknown_document": "我没有名为 {name} 的文件。/docs 列出我引用的文件。",
    "cite": "{name}，第{number}段",
    "docs_title": "我引用的文件：",
    "docs_entry": "第{first}至第{last}段：/para {name} {first}",
    "help_docs": "/docs 列出我引用的文件及其简称：/para 加简称，再加段落编号。",
}
