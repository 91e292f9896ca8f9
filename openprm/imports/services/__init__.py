"""The import's services (IMP-1, IMP-2): a job set up (`job_setup`, with
its file previewed by `file_preview`), run batch by batch (`runs`), and
cancelled, resumed or given up (`job_control`)."""
