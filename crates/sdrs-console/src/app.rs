//! The console page: a form to watch a job on a server, bundled samples, and a box to
//! paste or drop a job JSON, around the widget.

use std::rc::Rc;

use sdrs_job_core::board::parse_job_ids;
use sdrs_job_core::Locale;
use sdrs_job_widget::{JobBoard, JobSource, JobTarget, JobTimeline, SharedTree, TaskCenter};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::form::{
    board_targets, browser_locale, form_from_params, is_other_origin, linked_job, linked_target,
    session_storage, shown_summary, t, target_of, task_center_target, Form, TOKEN_KEY,
};
use crate::outcome::{self, NotifyState};
use crate::recent::{self, RecentJob};
use crate::recent_list::{self, RecentList};
use crate::samples::{Sample, SAMPLES};
use crate::url::{self, PageParams};

/// The User Timing mark of the page's first render (a link's job is asked before it).
pub const FIRST_RENDER: &str = "sdrs-console:render";

/// The page.
#[component]
pub fn App() -> Html {
    let initial = use_memo((), |()| {
        sdrs_job_widget::clock::mark(FIRST_RENDER);
        url::read()
    });
    let locale = use_state(|| Locale::from_code(&initial.lang).unwrap_or_else(browser_locale));
    let form = use_state(|| {
        let token =
            session_storage().and_then(|storage| storage.get_item(TOKEN_KEY).ok().flatten());
        Form {
            endpoint: initial.endpoint.clone(),
            project: initial.project.clone(),
            job: if initial.job.is_empty() {
                initial.jobs.replace(',', ", ")
            } else {
                initial.job.clone()
            },
            remember: token.is_some(),
            token: token.unwrap_or_default(),
        }
    });
    // A link that names another server while a token is kept: ask before sending it there
    // (a crafted link would otherwise collect the token without a click).
    let link_to_confirm = use_state(|| match linked_job(&initial) {
        Some((linked, true)) => Some(linked),
        _ => None,
    });
    let source = use_state(|| -> Option<JobSource> {
        if link_to_confirm.is_some() {
            None
        } else if let Some(target) = linked_target(&initial) {
            Some(JobSource::Watch(target))
        } else {
            Sample::find(&initial.sample)
                .map(|sample| JobSource::Static(SharedTree(Rc::new(sample.tree()))))
        }
    });
    // Several jobs at once (`?jobs=`): a board. From a link, the kept token goes only to
    // this page's origin; the form's own click sends it where the form says.
    let board = use_state(|| -> Option<Rc<Vec<JobTarget>>> {
        if initial.project.is_empty() || initial.jobs.is_empty() {
            return None;
        }
        let ids = parse_job_ids(&initial.jobs).ok()?;
        Some(board_targets(&form_from_params(&initial), &ids, false))
    });
    {
        let board = board.clone();
        use_effect_with((*source).clone(), move |source| {
            if source.is_some() {
                board.set(None);
            }
        });
    }
    let params = use_state(|| (*initial).clone());
    // A link whose `jobs=` does not read as job ids says which one, in the form.
    let form_error = use_state(|| match parse_job_ids(&initial.jobs) {
        Err(error) if !initial.jobs.trim().is_empty() => {
            Some(format!("jobs= in the link / 链接中的 jobs=: {error}"))
        }
        _ => None,
    });
    let pasted = use_state(String::new);
    let paste_error = use_state(|| None::<String>);
    let locale_value = *locale;
    // The form and samples fold away once a job is shown, so the timeline has the
    // window; "Change job" brings them back (and a new job folds them again).
    let sources_shown = use_state(|| false);
    {
        let sources_shown = sources_shown.clone();
        use_effect_with((*source).clone(), move |_| sources_shown.set(false));
    }
    let in_task_center = params.view == url::TASK_CENTER && !params.project.trim().is_empty();
    {
        let sources_shown = sources_shown.clone();
        use_effect_with(in_task_center, move |_| sources_shown.set(false));
    }
    {
        let sources_shown = sources_shown.clone();
        use_effect_with((*board).clone(), move |_| sources_shown.set(false));
    }
    let folded = (source.is_some() || board.is_some() || in_task_center) && !*sources_shown;

    // The URL follows what is shown.
    {
        let params = (*params).clone();
        let lang = locale_value.code();
        use_effect_with((params, lang), |(params, lang)| {
            url::write(&PageParams { lang: (*lang).to_owned(), ..params.clone() });
        });
    }

    let on_submit = {
        let form = form.clone();
        let source = source.clone();
        let board = board.clone();
        let params = params.clone();
        let form_error = form_error.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let current = (*form).clone();
            if current.project.trim().is_empty() || current.job.trim().is_empty() {
                form_error.set(Some(
                    "project and job id are both needed / 需要项目ID和任务ID".to_owned(),
                ));
                return;
            }
            // One id watches that job; several (typed, pasted, from an SDK's output) make
            // a board.
            let ids = match parse_job_ids(&current.job) {
                Ok(ids) => ids,
                Err(error) => {
                    form_error.set(Some(format!("job ids / 任务ID: {error}")));
                    return;
                }
            };
            form_error.set(None);
            if let Some(storage) = session_storage() {
                let _ = if current.remember && !current.token.is_empty() {
                    storage.set_item(TOKEN_KEY, &current.token)
                } else {
                    storage.remove_item(TOKEN_KEY)
                };
            }
            let (job, jobs) = match ids.as_slice() {
                [one] => (one.clone(), String::new()),
                many => (String::new(), many.join(",")),
            };
            params.set(PageParams {
                project: current.project.trim().to_owned(),
                job: job.clone(),
                jobs,
                endpoint: current.endpoint.trim().to_owned(),
                ..PageParams::default()
            });
            if ids.len() == 1 {
                source.set(Some(JobSource::Watch(target_of(&Form { job, ..current }))));
            } else {
                source.set(None);
                board.set(Some(board_targets(&current, &ids, true)));
            }
        })
    };
    // The Task Center of the form's project: its failed jobs, one click from each timeline.
    // Set once the user opens the Task Center here: only then may the kept token go to
    // another server (a link alone never sends it there).
    let task_center_asked = use_state(|| false);
    let on_task_center = {
        let (form, source, params, form_error) =
            (form.clone(), source.clone(), params.clone(), form_error.clone());
        let task_center_asked = task_center_asked.clone();
        let board = board.clone();
        Callback::from(move |_: MouseEvent| {
            task_center_asked.set(true);
            board.set(None);
            let current = (*form).clone();
            if current.project.trim().is_empty() {
                form_error.set(Some("the project id is needed / 需要项目ID".to_owned()));
                return;
            }
            form_error.set(None);
            source.set(None);
            params.set(PageParams {
                project: current.project.trim().to_owned(),
                endpoint: current.endpoint.trim().to_owned(),
                view: url::TASK_CENTER.to_owned(),
                ..PageParams::default()
            });
        })
    };
    let on_open_job = {
        let (form, source, params) = (form.clone(), source.clone(), params.clone());
        let task_center_asked = task_center_asked.clone();
        Callback::from(move |job_id: String| {
            // The job is asked where the Task Center was, with the same rule for the token.
            let target = JobTarget {
                job_id: job_id.clone(),
                ..task_center_target(&form, &params, *task_center_asked)
            };
            params.set(PageParams {
                project: target.project_id.clone(),
                endpoint: target.endpoint.clone(),
                job: job_id.clone(),
                ..PageParams::default()
            });
            form.set(Form {
                job: job_id,
                project: target.project_id.clone(),
                endpoint: target.endpoint.clone(),
                ..(*form).clone()
            });
            source.set(Some(JobSource::Watch(target)));
        })
    };
    let field = |pick: fn(&mut Form) -> &mut String| {
        let form = form.clone();
        Callback::from(move |event: InputEvent| {
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let mut next = (*form).clone();
            *pick(&mut next) = input.value();
            form.set(next);
        })
    };
    let on_remember = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            form.set(Form { remember: input.checked(), ..(*form).clone() });
        })
    };
    let on_sample = {
        let source = source.clone();
        let params = params.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            if let Some(sample) = Sample::find(&select.value()) {
                params.set(PageParams { sample: sample.name.to_owned(), ..PageParams::default() });
                source.set(Some(JobSource::Static(SharedTree(Rc::new(sample.tree())))));
            }
        })
    };
    let show_pasted = {
        let pasted = pasted.clone();
        let paste_error = paste_error.clone();
        let source = source.clone();
        let params = params.clone();
        move |text: &str| {
            let shown = crate::opened::source_of(text);
            // Keep the text either way: nothing the user pasted is lost.
            pasted.set(text.to_owned());
            match shown {
                Ok(shown) => {
                    paste_error.set(None);
                    params.set(PageParams::default());
                    source.set(Some(shown));
                }
                Err(error) => paste_error.set(Some(error)),
            }
        }
    };
    let on_paste_input = {
        let pasted = pasted.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                pasted.set(area.value());
            }
        })
    };
    let on_show_pasted = {
        let pasted = pasted.clone();
        let show_pasted = show_pasted.clone();
        Callback::from(move |_: MouseEvent| show_pasted(&pasted))
    };
    // A file dropped or opened is read as if pasted.
    let read_file = {
        let show_pasted = show_pasted.clone();
        let paste_error = paste_error.clone();
        move |file: Option<web_sys::File>| {
            let Some(file) = file else {
                paste_error.set(Some("drop a .json file / 请拖入 JSON 文件".to_owned()));
                return;
            };
            let show_pasted = show_pasted.clone();
            let paste_error = paste_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => show_pasted(&text.as_string().unwrap_or_default()),
                    Err(_) => paste_error.set(Some("the file could not be read".to_owned())),
                }
            });
        }
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            read_file(
                event.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0)),
            );
        })
    };
    let on_open_file = Callback::from(move |event: Event| {
        let input =
            event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            read_file(input.files().and_then(|files| files.get(0)));
            // The same file chosen again is read again.
            input.set_value("");
        }
    });
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let on_select = {
        let params = params.clone();
        Callback::from(move |selected: Option<sdrs_job_widget::SelectedJob>| {
            let current = (*params).clone();
            let select = selected.map(|job| job.job_id).unwrap_or_default();
            if current.select != select {
                params.set(PageParams { select, ..current });
            }
        })
    };
    // Word when the job ends: the tab's title and icon while hidden, and a notification
    // once the user switched them on here (the browser asks only after that click).
    let notify = use_state(|| NotifyState::read(false));
    let on_finished = {
        let notify = *notify;
        Callback::from(move |finished: sdrs_job_widget::Finished| {
            outcome::tell(locale_value, &finished, notify == NotifyState::On)
        })
    };
    let on_notify = {
        let notify = notify.clone();
        Callback::from(move |_: MouseEvent| match *notify {
            NotifyState::NotAsked => {
                let notify = notify.clone();
                outcome::ask(move |state| notify.set(state));
            }
            NotifyState::Off => notify.set(NotifyState::read(true)),
            NotifyState::On => notify.set(NotifyState::read(false)),
            // Only the browser's settings can change these; the control says so.
            NotifyState::Refused | NotifyState::Unsupported => notify.set(NotifyState::read(false)),
        })
    };
    let watching =
        (matches!(*source, Some(JobSource::Watch(_))) || board.is_some()) && !in_task_center;

    // Recently opened jobs: each job watched here goes first in the list, and what its
    // answers say (type, status) is kept with it.
    let recent_jobs = use_state(|| Rc::new(recent_list::load()));
    {
        let recent_jobs = recent_jobs.clone();
        use_effect_with((*source).clone(), move |source| {
            if let Some(JobSource::Watch(target)) = source {
                recent_jobs.set(recent_list::opened(target));
            }
        });
    }
    let on_status_change = {
        let recent_jobs = recent_jobs.clone();
        // The job watched, or the board's jobs (only those opened are in the list).
        let watched: Rc<Vec<JobTarget>> = match (&*source, &*board) {
            (Some(JobSource::Watch(target)), _) => Rc::new(vec![target.clone()]),
            (None, Some(targets)) => targets.clone(),
            _ => Rc::default(),
        };
        Callback::from(move |change: sdrs_job_widget::StatusChange| {
            let by_id =
                watched.iter().find(|target| Some(&target.job_id) == change.job_id.as_ref());
            // One job watched: its answers are about it, whatever id they carry.
            let Some(target) = by_id.or_else(|| watched.first().filter(|_| watched.len() == 1))
            else {
                return;
            };
            let key =
                (target.endpoint.as_str(), target.project_id.as_str(), target.job_id.as_str());
            let now = js_sys::Date::now() as i64;
            recent_jobs.set(recent_list::update(|jobs| {
                recent::seen(jobs, key, change.job_type.as_deref(), change.status.as_deref(), now)
            }));
        })
    };
    // A job opened from the board: in the URL (`job=` beside `jobs=`), and among the
    // recently opened.
    let on_board_open = {
        let (params, recent_jobs) = (params.clone(), recent_jobs.clone());
        let board = board.clone();
        Callback::from(move |job: Option<String>| {
            let job = job.unwrap_or_default();
            if let Some(target) = board
                .as_ref()
                .and_then(|targets| targets.iter().find(|target| target.job_id == job))
            {
                recent_jobs.set(recent_list::opened(target));
            }
            params.set(PageParams { job, select: String::new(), ..(*params).clone() });
        })
    };
    // Several ids pasted into the job field (a column from a spreadsheet, an SDK's output)
    // are kept as a list: an input would otherwise run their lines together.
    let on_job_paste = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let Some(event) = event.dyn_ref::<web_sys::ClipboardEvent>() else { return };
            let text = event
                .clipboard_data()
                .and_then(|data| data.get_data("text").ok())
                .unwrap_or_default();
            if let Ok(ids) = parse_job_ids(&text) {
                if ids.len() > 1 {
                    event.prevent_default();
                    form.set(Form { job: ids.join(", "), ..(*form).clone() });
                }
            }
        })
    };
    let on_clear_recent = {
        let recent_jobs = recent_jobs.clone();
        Callback::from(move |()| recent_jobs.set(recent_list::update(|_| Vec::new())))
    };
    let on_open_recent = {
        let (form, source, params) = (form.clone(), source.clone(), params.clone());
        let link_to_confirm = link_to_confirm.clone();
        Callback::from(move |job: RecentJob| {
            let chosen = Form {
                endpoint: job.endpoint.clone(),
                project: job.project_id.clone(),
                job: job.job_id.clone(),
                ..(*form).clone()
            };
            form.set(chosen.clone());
            params.set(PageParams {
                project: job.project_id.clone(),
                job: job.job_id.clone(),
                endpoint: job.endpoint.clone(),
                ..PageParams::default()
            });
            // Another server with a token at hand: asked first, as a link would be.
            if !chosen.token.trim().is_empty() && is_other_origin(&chosen.endpoint) {
                link_to_confirm.set(Some(chosen));
            } else {
                source.set(Some(JobSource::Watch(target_of(&chosen))));
            }
        })
    };
    let switch_locale = {
        let locale = locale.clone();
        Callback::from(move |_: MouseEvent| {
            locale.set(if *locale == Locale::En { Locale::Zh } else { Locale::En })
        })
    };

    let confirm_link = |send_token: bool| {
        let link_to_confirm = link_to_confirm.clone();
        let source = source.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(linked) = (*link_to_confirm).clone() {
                let target = JobTarget {
                    token: if send_token { target_of(&linked).token } else { None },
                    ..target_of(&linked)
                };
                source.set(Some(JobSource::Watch(target)));
            }
            link_to_confirm.set(None);
        })
    };
    let cancel_link = {
        let link_to_confirm = link_to_confirm.clone();
        Callback::from(move |_: MouseEvent| link_to_confirm.set(None))
    };
    let link_prompt = (*link_to_confirm).clone().map(|linked| html! {
        <div class="sdrs-link-prompt" role="alertdialog" aria-labelledby="sdrs-link-prompt-title">
            <p id="sdrs-link-prompt-title">
                { t(locale_value, "This link asks to watch a job on another server:", "此链接要求在另一台服务器上查看任务：") }
                <code class="sdrs-link-endpoint">{ linked.endpoint.clone() }</code>
            </p>
            <p>{ t(locale_value, "Send the token kept in this tab to that server?", "是否将此标签页保留的令牌发送到该服务器？") }</p>
            <button type="button" class="sdrs-button" data-action="link-send-token" onclick={confirm_link(true)}>{ t(locale_value, "Send the token and watch", "发送令牌并查看") }</button>
            <button type="button" class="sdrs-button" data-action="link-without-token" onclick={confirm_link(false)}>{ t(locale_value, "Watch without the token", "不发送令牌查看") }</button>
            <button type="button" class="sdrs-button" data-action="link-cancel" onclick={cancel_link}>{ t(locale_value, "Do nothing", "不查看") }</button>
        </div>
    });
    let current = (*form).clone();
    let selected_sample = params.sample.clone();
    html! {
        <div class="sdrs-console">
            // Once a job is shown, the form folds into the title bar: one line above the job.
            <header class="sdrs-console-bar">
                <h1>{ t(locale_value, "SDRS job timeline", "SDRS 任务时间线") }</h1>
                if folded {
                    <section class="sdrs-sources is-folded" data-role="sources-folded">
                        <span class="sdrs-sources-summary" title={shown_summary(locale_value, &params)}>{ shown_summary(locale_value, &params) }</span>
                        <button type="button" class="sdrs-button" data-action="change-job"
                            onclick={let sources_shown = sources_shown.clone(); Callback::from(move |_: MouseEvent| sources_shown.set(true))}>
                            { t(locale_value, "Change job", "更换任务") }
                        </button>
                    </section>
                }
                if watching {
                    <button type="button" class="sdrs-button sdrs-notify" data-action="notify" data-state={notify.name()}
                        aria-pressed={(*notify == NotifyState::On).to_string()}
                        aria-disabled={matches!(*notify, NotifyState::Refused | NotifyState::Unsupported).then_some("true")}
                        aria-label={notify.words(locale_value)} title={notify.words(locale_value)} onclick={on_notify}>
                        { outcome::bell(*notify == NotifyState::On) }
                    </button>
                }
                <button type="button" class="sdrs-button" data-action="switch-language" onclick={switch_locale}>
                    { if locale_value == Locale::En { "中文" } else { "English" } }
                </button>
            </header>
            <section class="sdrs-sources" hidden={folded}>
                <form class="sdrs-job-form" onsubmit={on_submit} aria-label={t(locale_value, "Watch a job", "查看任务")}>
                    <label>{ t(locale_value, "Endpoint", "终端节点") }
                        <input name="endpoint" type="url" placeholder={t(locale_value, "same origin", "与本页同源")} value={current.endpoint.clone()} oninput={field(|form| &mut form.endpoint)} />
                    </label>
                    <label>{ t(locale_value, "Project id", "项目ID") }
                        <input name="project" required=true autocomplete="off" value={current.project.clone()} oninput={field(|form| &mut form.project)} />
                    </label>
                    <label>{ t(locale_value, "Job id", "任务ID") }
                        <input name="job" required=true autocomplete="off" value={current.job.clone()} oninput={field(|form| &mut form.job)} onpaste={on_job_paste}
                            title={t(locale_value, "One job id, or several separated by commas or spaces", "一个任务ID，或以逗号、空格分隔的多个")} />
                    </label>
                    <label>{ t(locale_value, "Token (X-Auth-Token)", "令牌 (X-Auth-Token)") }
                        <input name="token" type="password" autocomplete="off" value={current.token.clone()} oninput={field(|form| &mut form.token)} />
                    </label>
                    <label class="sdrs-check">
                        <input name="remember" type="checkbox" checked={current.remember} onchange={on_remember} />
                        { t(locale_value, "Keep the token for this tab", "在此标签页保留令牌") }
                    </label>
                    <button type="submit" class="sdrs-button is-primary" data-action="watch">{ t(locale_value, "Watch job", "查看任务") }</button>
                    <button type="button" class="sdrs-button" data-action="open-task-center" onclick={on_task_center}>{ t(locale_value, "Task Center", "任务中心") }</button>
                    if let Some(error) = (*form_error).clone() {
                        <p class="sdrs-form-error" role="alert">{ error }</p>
                    }
                </form>
                <div class="sdrs-offline">
                    <label>{ t(locale_value, "No backend? Open a sample:", "没有后端？打开示例：") }
                        <select name="sample" onchange={on_sample}>
                            <option value="" selected={selected_sample.is_empty()}>{ "—" }</option>
                            { for SAMPLES.iter().map(|sample| html! {
                                <option value={sample.name} selected={selected_sample == sample.name}>{ sample.title }</option>
                            }) }
                        </select>
                    </label>
                    <div class="sdrs-drop" ondrop={on_drop} ondragover={on_drag_over}>
                        <label>{ t(locale_value, "…or paste (or drop) a job response:", "…或粘贴（拖入）任务响应：") }
                            <textarea name="paste" rows="3" spellcheck="false" value={(*pasted).clone()} oninput={on_paste_input}
                                placeholder={r#"{"job_id": "...", "status": "RUNNING", ...}"#} />
                        </label>
                        <button type="button" class="sdrs-button" data-action="show-pasted" onclick={on_show_pasted}>{ t(locale_value, "Show", "显示") }</button>
                        <label class="sdrs-open-file">{ t(locale_value, "…or open a file (a response or a session record):", "…或打开文件（任务响应或会话记录）：") }
                            <input type="file" name="open-file" accept=".json,application/json" data-action="open-file" onchange={on_open_file} />
                        </label>
                        if let Some(error) = (*paste_error).clone() {
                            <p class="sdrs-form-error" role="alert" data-role="paste-error">{ error }</p>
                        }
                    </div>
                </div>
                <RecentList jobs={(*recent_jobs).clone()} locale={locale_value} on_open={on_open_recent} on_clear={on_clear_recent} />
            </section>
            { for link_prompt }
            if in_task_center {
                <TaskCenter target={task_center_target(&current, &params, *task_center_asked)} locale={locale_value} on_open={on_open_job}
                    server_group_id={(!params.group.is_empty()).then(|| AttrValue::from(params.group.clone()))} />
            } else if let (Some(targets), None) = ((*board).clone(), (*source).as_ref()) {
                <JobBoard {targets} locale={locale_value} open={(!params.job.is_empty()).then(|| AttrValue::from(params.job.clone()))}
                    on_open={on_board_open} on_finished={on_finished.clone()} on_status_change={on_status_change.clone()} />
            } else if let Some(source) = (*source).clone() {
                <JobTimeline {source} autofocus=true locale={locale_value} {on_finished} {on_status_change} select={(!params.select.is_empty()).then(|| AttrValue::from(params.select.clone()))} {on_select} />
            } else {
                <p class="sdrs-hint">{ t(locale_value, "Enter a job above, open a sample, or paste a job response.", "请在上方输入任务、打开示例或粘贴任务响应。") }</p>
            }
        </div>
    }
}
