#include "grid/chunkbatcher.h"

#include "grid/resultmodel.h"

#include <QTimer>

namespace tusk::widgets {

ChunkBatcher::ChunkBatcher(ResultModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_pending.isEmpty()) {
            flush();
            m_timer->start(); // keep batching while rows keep coming
        }
    });
}

void ChunkBatcher::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void ChunkBatcher::push(const pg::ResultChunk &chunk)
{
    if (chunk.isEmpty())
        return;
    m_pending << chunk;
    m_pendingRows += chunk.rowCount();
    if (!m_timer->isActive()) {
        // Nothing shown lately: show these now, and hold what follows for an interval.
        flush();
        m_timer->start();
    }
}

void ChunkBatcher::flush()
{
    if (m_pending.isEmpty())
        return;
    m_model->appendChunks(std::exchange(m_pending, {}));
    m_pendingRows = 0;
    emit appended();
}

} // namespace tusk::widgets
